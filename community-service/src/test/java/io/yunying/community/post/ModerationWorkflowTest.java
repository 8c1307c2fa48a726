package io.yunying.community.post;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
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

import static io.yunying.community.moderation.Lexicons.ensure;
import static io.yunying.community.post.Community.as;
import static io.yunying.community.post.Community.board;
import static io.yunying.community.post.Community.member;
import static io.yunying.community.post.Community.post;
import static io.yunying.community.post.Community.published;
import static io.yunying.community.post.Community.report;
import static io.yunying.community.post.Community.sanction;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Reports, the review queue, sanctions and appeals, end to end through the API. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class ModerationWorkflowTest {

    @Inject
    TestClock clock;

    @BeforeEach
    void setUp() {
        board("workflow");
        ensure("WORD", "送审词组", "PORN", "REVIEW");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** A member who joined ten days ago with twelve posts and no strikes: trust level 2, report weight 1.5. */
    private static String trusted() {
        String id = member();
        Sql.count("with i as (insert into member_standing (user_id, first_seen_at, posts, strikes)"
                + " values (?, now() - interval '10 days', 12, 0) returning 1) select count(*) from i", id);
        return id;
    }

    @Test
    void weightedReportsHideAPostAtTheThreshold() {
        String postId = published(member(), "workflow", "这家店的奶茶很好喝");
        for (int i = 0; i < 5; i++) {
            report(member(), postId, "SPAM").statusCode(201).body("weight", equalTo(0.5f)).body("postStatus", equalTo("PUBLISHED"));
        }
        report(member(), postId, "ABUSE").statusCode(201).body("postReportWeight", equalTo(3.0f)).body("postStatus", equalTo("HIDDEN"));
        assertEquals("HIDDEN", Sql.string("select status from post where id = ?::uuid", postId));
        assertEquals(1, Sql.count("select count(*) from review_item where post_id = ?::uuid and status = 'OPEN'", postId));
        assertEquals(1, Sql.count("select count(*) from review_item where post_id = ?::uuid and report_weight = 3.0", postId));
        assertEquals(1, Sql.count("select count(*) from moderation_log where action = 'post.auto-hide' and subject_id = ?", postId));
        as(TestTokens.appUser(member()), "GET", "/api/community/posts/" + postId, null).statusCode(404);
    }

    @Test
    void trustedReportersWeighMore() {
        String postId = published(member(), "workflow", "周末爬山的照片分享");
        report(trusted(), postId, "SPAM").statusCode(201).body("weight", equalTo(1.5f)).body("postStatus", equalTo("PUBLISHED"));
        report(trusted(), postId, "SPAM").statusCode(201).body("postStatus", equalTo("HIDDEN"));
    }

    @Test
    void aMemberReportsAPostOnceAndAFloodIsThrottled() {
        String reporter = member();
        String first = published(member(), "workflow", "第一篇被举报的帖子");
        report(reporter, first, "SPAM").statusCode(201);
        report(reporter, first, "SPAM").statusCode(409).body("type", equalTo("urn:yunying:problem:already-reported"));
        for (int i = 0; i < 9; i++) {
            report(reporter, published(member(), "workflow", "帖子编号" + i + "，聊聊今天的新闻和天气"), "OTHER").statusCode(201);
        }
        report(reporter, published(member(), "workflow", "第十一篇"), "OTHER").statusCode(429)
                .header("Retry-After", notNullValue()).contentType("application/problem+json");
        report(reporter, first, "NOT_A_REASON").statusCode(400);
        report(member(), java.util.UUID.randomUUID().toString(), "SPAM").statusCode(404);
    }

    @Test
    void aSanctionRefusesWritesWithItsEndAndExpiresByItself() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.set(now);
        String user = member();
        String postId = published(member(), "workflow", "可以点赞的帖子");
        String endsAt = sanction(user, "MUTE", 24).statusCode(201).body("active", equalTo(true)).extract().path("endsAt");
        assertEquals(now.plus(Duration.ofHours(24)), Instant.parse(endsAt));
        post(user, "workflow", "禁言中还想发帖").statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:yunying:problem:sanctioned")).body("sanction", equalTo("MUTE"))
                .body("endsAt", equalTo(endsAt)).body("detail", org.hamcrest.Matchers.containsString(endsAt));
        as(TestTokens.appUser(user), "PUT", "/api/community/posts/" + postId + "/like", null).statusCode(200);

        clock.advance(Duration.ofHours(24).plusSeconds(1));
        post(user, "workflow", "禁言结束，重新发帖").statusCode(201);
        as(TestTokens.moderator(), "GET", "/api/community/sanctions?userId=" + user, null).statusCode(200)
                .body("[0].active", equalTo(false));
    }

    @Test
    void aSuspensionStopsEveryWriteAndABanWithoutEndIsPermanent() {
        String user = member();
        String postId = published(member(), "workflow", "另一篇帖子");
        sanction(user, "SUSPEND", 48).statusCode(201);
        as(TestTokens.appUser(user), "PUT", "/api/community/posts/" + postId + "/like", null).statusCode(403);
        report(user, postId, "SPAM").statusCode(403);
        sanction(user, "MUTE", null).statusCode(400).body("errors.field", hasItem("durationHours"));

        String banned = member();
        sanction(banned, "BAN", null).statusCode(201).body("endsAt", org.hamcrest.Matchers.nullValue());
        clock.advance(Duration.ofDays(3650));
        post(banned, "workflow", "十年后").statusCode(403).body("endsAt", equalTo("never"));
    }

    @Test
    void anAppealReversesASanction() {
        String user = member();
        String sanctionId = sanction(user, "SUSPEND", 72).statusCode(201).extract().path("id");
        assertEquals(1, Sql.count("select strikes from member_standing where user_id = ?", user));
        post(user, "workflow", "被封了").statusCode(403);

        as(TestTokens.appUser(member()), "POST", "/api/community/appeals",
                "{\"sanctionId\": \"" + sanctionId + "\", \"text\": \"不是我的\"}").statusCode(404);
        String appealId = as(TestTokens.appUser(user), "POST", "/api/community/appeals",
                "{\"sanctionId\": \"" + sanctionId + "\", \"text\": \"我没有辱骂他人，请复核\"}")
                .statusCode(201).body("status", equalTo("OPEN")).extract().path("id");
        as(TestTokens.appUser(user), "POST", "/api/community/appeals",
                "{\"sanctionId\": \"" + sanctionId + "\", \"text\": \"再申诉一次\"}").statusCode(409)
                .body("type", equalTo("urn:yunying:problem:already-appealed"));
        as(TestTokens.appUser(user), "POST", "/api/community/appeals/" + appealId + "/resolution",
                "{\"outcome\": \"REVERSE\"}").statusCode(403);
        as(TestTokens.moderator(), "GET", "/api/community/appeals?limit=100", null).statusCode(200).body("items.id", hasItem(appealId));

        as(TestTokens.moderator(), "POST", "/api/community/appeals/" + appealId + "/resolution",
                "{\"outcome\": \"REVERSE\", \"note\": \"误判\"}").statusCode(200).body("status", equalTo("REVERSED"));
        assertNotNull(Sql.string("select revoked_at::text from sanction where id = ?::uuid", sanctionId));
        assertEquals(0, Sql.count("select strikes from member_standing where user_id = ?", user));
        post(user, "workflow", "申诉成功，恢复发帖").statusCode(201);
        as(TestTokens.moderator(), "POST", "/api/community/appeals/" + appealId + "/resolution",
                "{\"outcome\": \"UPHOLD\"}").statusCode(409);
        as(TestTokens.moderator(), "GET", "/api/community/modlog?subjectId=" + appealId, null).statusCode(200)
                .body("items[0].action", equalTo("appeal.reverse")).body("items[0].actor", equalTo("moderator-test"));
    }

    @Test
    void theReviewQueueIsClaimedWithALeaseAndDecided() {
        String author = member();
        String postId = post(author, "workflow", "一段送审词组内容").statusCode(201).body("post.status", equalTo("HELD"))
                .extract().path("post.id");
        String itemId = Sql.string("select id::text from review_item where post_id = ?::uuid", postId);
        as(TestTokens.moderator(), "GET", "/api/community/reviews?limit=100", null).statusCode(200)
                .body("items.id", hasItem(itemId)).body("items[0].score", greaterThanOrEqualTo(5f));

        String other = TestTokens.bearer("moderator-two", "moderator");
        as(TestTokens.moderator(), "POST", "/api/community/reviews/" + itemId + "/claim", null).statusCode(200)
                .body("claimedBy", equalTo("moderator-test"));
        as(other, "POST", "/api/community/reviews/" + itemId + "/claim", null).statusCode(409)
                .body("type", equalTo("urn:yunying:problem:review-claimed")).body("claimedBy", equalTo("moderator-test"));
        as(other, "POST", "/api/community/reviews/" + itemId + "/decision", "{\"decision\": \"APPROVE\"}").statusCode(409)
                .body("type", equalTo("urn:yunying:problem:claim-required"));

        clock.advance(Duration.ofMinutes(11));
        as(other, "POST", "/api/community/reviews/" + itemId + "/claim", null).statusCode(200).body("claimedBy", equalTo("moderator-two"));
        as(other, "POST", "/api/community/reviews/" + itemId + "/decision",
                "{\"decision\": \"REMOVE\", \"note\": \"违规内容\", \"sanction\": {\"type\": \"MUTE\", \"durationHours\": 24}}")
                .statusCode(200).body("status", equalTo("DECIDED")).body("decision", equalTo("REMOVE"));
        assertEquals("REMOVED", Sql.string("select status from post where id = ?::uuid", postId));
        assertEquals(1, Sql.count("select count(*) from sanction where user_id = ? and review_item_id = ?::uuid", author, itemId));
        as(other, "POST", "/api/community/reviews/" + itemId + "/decision", "{\"decision\": \"APPROVE\"}").statusCode(409)
                .body("type", equalTo("urn:yunying:problem:review-decided"));
        post(author, "workflow", "被禁言后发帖").statusCode(403);

        // The author appeals the removal: the reversal publishes the post again and lifts the mute that came with it.
        String appealId = as(TestTokens.appUser(author), "POST", "/api/community/appeals",
                "{\"reviewItemId\": \"" + itemId + "\", \"text\": \"这是医学科普\"}").statusCode(201).extract().path("id");
        as(TestTokens.admin(), "POST", "/api/community/appeals/" + appealId + "/resolution", "{\"outcome\": \"REVERSE\"}")
                .statusCode(200);
        assertEquals("PUBLISHED", Sql.string("select status from post where id = ?::uuid", postId));
        assertEquals(0, Sql.count("select count(*) from sanction where review_item_id = ?::uuid and revoked_at is null", itemId));
        post(author, "workflow", "申诉后恢复").statusCode(201);
    }

    @Test
    void anEditMaskDecisionPublishesTheModeratorsText() {
        String postId = post(member(), "workflow", "请看送审词组这段").statusCode(201).extract().path("post.id");
        String itemId = Sql.string("select id::text from review_item where post_id = ?::uuid", postId);
        as(TestTokens.moderator(), "POST", "/api/community/reviews/" + itemId + "/claim", null).statusCode(200);
        as(TestTokens.moderator(), "POST", "/api/community/reviews/" + itemId + "/decision", "{\"decision\": \"MASK\"}")
                .statusCode(400).body("errors.field", hasItem("maskedBody"));
        as(TestTokens.moderator(), "POST", "/api/community/reviews/" + itemId + "/decision",
                "{\"decision\": \"MASK\", \"maskedBody\": \"请看****这段\"}").statusCode(200);
        as(TestTokens.appUser(member()), "GET", "/api/community/posts/" + postId, null).statusCode(200)
                .body("body", equalTo("请看****这段")).body("status", equalTo("PUBLISHED"));
    }

    @Test
    void onlyStaffWorkTheQueuesAndTheLog() {
        for (String path : new String[]{"/api/community/reviews", "/api/community/appeals", "/api/community/modlog"}) {
            as(TestTokens.appUser(member()), "GET", path, null).statusCode(403);
            as(TestTokens.editor(), "GET", path, null).statusCode(403);
            as(TestTokens.moderator(), "GET", path, null).statusCode(200);
            as(TestTokens.admin(), "GET", path, null).statusCode(200);
        }
        as(TestTokens.appUser(member()), "POST", "/api/community/sanctions",
                "{\"userId\": \"x\", \"type\": \"WARN\", \"reason\": \"r\"}").statusCode(403);
        as(TestTokens.moderator(), "POST", "/api/community/reports", "{\"postId\": \"" + java.util.UUID.randomUUID() + "\", \"reason\": \"SPAM\"}")
                .statusCode(403);
    }

    @Test
    void standingShowsTrustStrikesAndSanctionsInForce() {
        String member = trusted();
        as(TestTokens.appUser(member), "GET", "/api/community/members/" + member + "/standing", null).statusCode(200)
                .body("trustLevel", equalTo(2)).body("reportWeight", equalTo(1.5f)).body("strikes", equalTo(0));
        sanction(member, "MUTE", 24).statusCode(201);
        as(TestTokens.moderator(), "GET", "/api/community/members/" + member + "/standing", null).statusCode(200)
                .body("trustLevel", equalTo(1)).body("strikes", equalTo(1)).body("activeSanctions[0].type", equalTo("MUTE"));
        as(TestTokens.appUser(member()), "GET", "/api/community/members/" + member + "/standing", null).statusCode(404);
    }
}
