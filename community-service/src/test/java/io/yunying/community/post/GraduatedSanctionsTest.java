package io.yunying.community.post;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.yunying.community.review.ReviewService;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.Sql;
import io.yunying.testsupport.TestClock;
import io.yunying.testsupport.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static io.yunying.community.moderation.Lexicons.ensure;
import static io.yunying.community.post.Community.as;
import static io.yunying.community.post.Community.board;
import static io.yunying.community.post.Community.member;
import static io.yunying.community.post.Community.post;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Upheld removals are strikes; the ladder picks the sanction; strikes decay; a reversal takes its strike back; scores follow. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class GraduatedSanctionsTest {

    @Inject
    TestClock clock;

    @Inject
    ReviewService reviews;

    @BeforeEach
    void setUp() {
        board("ladder");
        ensure("WORD", "阶梯送审词", "ADS", "REVIEW");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static String held(String author, int n) {
        return post(author, "ladder", "第" + n + "篇：这里有阶梯送审词，" + "甲乙丙丁戊己".charAt(n) + "天的事情说来话长" + n * 13)
                .statusCode(201).body("post.status", equalTo("HELD")).extract().path("post.id");
    }

    private static String item(String postId) {
        return Sql.string("select id::text from review_item where post_id = ?::uuid", postId);
    }

    private static void remove(String postId, String extra) {
        String itemId = item(postId);
        as(TestTokens.moderator(), "POST", "/api/community/reviews/" + itemId + "/claim", null).statusCode(200);
        as(TestTokens.moderator(), "POST", "/api/community/reviews/" + itemId + "/decision",
                "{\"decision\": \"REMOVE\", \"note\": \"广告\"" + extra + "}").statusCode(200);
    }

    private static String sanctionOf(String postId, String column) {
        return Sql.string("select " + column + " from sanction where review_item_id = ?::uuid", item(postId));
    }

    @Test
    void eachUpheldRemovalClimbsTheLadder() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.set(now);
        String author = member();
        List<String> posts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            posts.add(held(author, i));
        }
        String[][] expected = {{"WARN", null}, {"MUTE", "24"}, {"SUSPEND", "168"}, {"BAN", null}, {"BAN", null}};
        for (int i = 0; i < 5; i++) {
            remove(posts.get(i), "");
            String postId = posts.get(i);
            assertEquals(expected[i][0], sanctionOf(postId, "type"), "strike " + (i + 1));
            assertEquals("system", sanctionOf(postId, "issued_by"));
            String hours = sanctionOf(postId, "(extract(epoch from ends_at - starts_at) / 3600)::int::text");
            assertEquals(expected[i][1], hours, "duration of strike " + (i + 1));
            assertEquals(1, Sql.count("select count(*) from strike where review_item_id = ?::uuid and sanction_id is not null"
                    + " and revoked_at is null", item(postId)));
        }
        assertEquals(5, Sql.count("select count(*) from moderation_log where actor = 'system' and subject_id = ?"
                + " and action in ('sanction.warn', 'sanction.mute', 'sanction.suspend', 'sanction.ban')", author));
        assertEquals(5, Sql.count("select count(*) from moderation_log where action = 'strike.add' and subject_id = ?", author));
        as(TestTokens.moderator(), "GET", "/api/community/members/" + author + "/standing", null).statusCode(200)
                .body("strikes", equalTo(5)).body("trustLevel", equalTo(0));
        as(TestTokens.moderator(), "GET", "/api/community/modlog?subjectId=" + author + "&action=sanction.ban", null).statusCode(200)
                .body("items[0].actor", equalTo("system"));
    }

    @Test
    void aModeratorsOrderReplacesTheLadderButTheRemovalIsStillOneStrike() {
        String author = member();
        String first = held(author, 1);
        String second = held(author, 2);
        remove(first, ", \"sanction\": {\"type\": \"SUSPEND\", \"durationHours\": 48, \"reason\": \"屡教不改\"}");
        assertEquals("SUSPEND", sanctionOf(first, "type"));
        assertEquals("moderator-test", sanctionOf(first, "issued_by"));
        assertEquals(1, Sql.count("select count(*) from strike where user_id = ?", author));
        remove(second, "");
        assertEquals("MUTE", sanctionOf(second, "type"), "the second live strike gets the second step");
    }

    @Test
    void strikesDecayAfterTheConfiguredTime() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.set(now);
        String author = member();
        String first = held(author, 1);
        String second = held(author, 2);
        remove(first, "");
        assertEquals("WARN", sanctionOf(first, "type"));
        clock.advance(Duration.ofDays(91));
        remove(second, "");
        assertEquals("WARN", sanctionOf(second, "type"), "the first strike decayed after 90 days, so this is a first strike again");
        as(TestTokens.moderator(), "GET", "/api/community/members/" + author + "/standing", null).statusCode(200)
                .body("strikes", equalTo(1));
    }

    @Test
    void anAppealThatReversesARemovalTakesItsStrikeBack() {
        String author = member();
        String first = held(author, 1);
        String second = held(author, 2);
        String third = held(author, 3);
        remove(first, "");
        remove(second, "");
        assertEquals("MUTE", sanctionOf(second, "type"));
        String appealId = as(TestTokens.appUser(author), "POST", "/api/community/appeals",
                "{\"reviewItemId\": \"" + item(second) + "\", \"text\": \"这不是广告\"}").statusCode(201).extract().path("id");
        as(TestTokens.moderator(), "POST", "/api/community/appeals/" + appealId + "/resolution", "{\"outcome\": \"REVERSE\"}")
                .statusCode(200);
        assertEquals(1, Sql.count("select count(*) from strike where user_id = ? and revoked_at is null", author));
        assertTrue(Sql.string("select revoked_at::text from sanction where review_item_id = ?::uuid", item(second)) != null);
        assertEquals(1, Sql.count("select count(*) from moderation_log where action = 'strike.remove' and subject_id = ?", author));
        remove(third, "");
        assertEquals("MUTE", sanctionOf(third, "type"), "with the reversed strike gone this is the second strike, not the third");
    }

    @Test
    void theQueueRescoresWhenTheAuthorsStrikesChange() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.set(now);
        String author = member();
        String other = member();
        String removed = held(author, 1);
        String waiting = held(author, 2);
        String rival = held(other, 3);
        double base = Double.parseDouble(Sql.string("select score::text from review_item where post_id = ?::uuid", waiting));
        assertEquals(base, Double.parseDouble(Sql.string("select score::text from review_item where post_id = ?::uuid", rival)));

        remove(removed, "");
        as(TestTokens.moderator(), "GET", "/api/community/reviews/" + item(waiting), null).statusCode(200)
                .body("authorStrikes", equalTo(1)).body("score", equalTo((float) (base + 1)));
        List<String> order = queue();
        assertTrue(order.indexOf(item(waiting)) < order.indexOf(item(rival)), "the author with a strike now comes first");

        clock.advance(Duration.ofDays(91));
        reviews.rescore().await().atMost(Duration.ofSeconds(30));
        as(TestTokens.moderator(), "GET", "/api/community/reviews/" + item(waiting), null).statusCode(200)
                .body("authorStrikes", equalTo(0)).body("score", equalTo((float) base));
        assertNull(Sql.string("select id::text from review_item where post_id = ?::uuid and author_strikes <> 0", waiting));
    }

    /** Every open item id in queue order, walking the cursor. */
    private static List<String> queue() {
        List<String> ids = new ArrayList<>();
        String cursor = "";
        do {
            var page = as(TestTokens.moderator(), "GET", "/api/community/reviews?limit=100&cursor=" + cursor, null)
                    .statusCode(200).extract();
            ids.addAll(page.path("items.id"));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        return ids;
    }
}
