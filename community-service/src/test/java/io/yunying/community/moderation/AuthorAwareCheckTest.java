package io.yunying.community.moderation;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.Sql;
import io.yunying.testsupport.TestClock;
import io.yunying.testsupport.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.yunying.community.moderation.Lexicons.ensure;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The check with an author and a context: trust-level link allowance, strict contexts, duplicates, bursts, sanctions. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class AuthorAwareCheckTest {

    private static final String TWO_LINKS = "活动详情 http://a.example/1 报名 http://b.example/2";

    @Inject
    TestClock clock;

    @BeforeEach
    void lexicon() {
        ensure("WORD", "刷单返利", "ADS", "FLAG");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static ValidatableResponse check(Map<String, Object> body) {
        return given().header("Authorization", TestTokens.service()).contentType(ContentType.JSON).body(body)
                .when().post("/api/community/moderation/check").then();
    }

    private static ValidatableResponse check(String text, String author, String contentId) {
        Map<String, Object> body = new HashMap<>(Map.of("text", text, "contentType", "article", "authorId", author));
        if (contentId != null) {
            body.put("context", Map.of("contentId", contentId, "source", "UGC"));
        }
        return check(body).statusCode(200);
    }

    private static String member(int trustLevel) {
        String id = "author-" + UUID.randomUUID();
        String age = trustLevel == 0 ? "1 hour" : trustLevel == 2 ? "10 days" : "3 days";
        int posts = trustLevel == 2 ? 12 : 0;
        Sql.count("with i as (insert into member_standing (user_id, first_seen_at, posts, strikes) values (?, now() - interval '"
                + age + "', ?, 0) returning 1) select count(*) from i", id, posts);
        return id;
    }

    @Test
    void theAuthorsTrustLevelSetsTheLinkAllowance() {
        check(Map.of("text", TWO_LINKS)).statusCode(200).body("decision", equalTo("PASS")).body("authorTrustLevel", nullValue());
        check(TWO_LINKS, member(0), null).body("decision", equalTo("REVIEW")).body("ruleIds", hasItem("spam:links"))
                .body("authorTrustLevel", equalTo(0));
        check(TWO_LINKS, member(2), null).body("decision", equalTo("PASS")).body("authorTrustLevel", equalTo(2));
        String stranger = "author-" + UUID.randomUUID();
        check(TWO_LINKS, stranger, null).body("decision", equalTo("REVIEW")).body("authorTrustLevel", equalTo(0));
        assertEquals(1, Sql.count("select count(*) from member_standing where user_id = ?", stranger),
                "an author the check meets for the first time gets a standing from then on");
    }

    @Test
    void aStrictContextHoldsFlagHitsAndAllowsNoLinks() {
        check(Map.of("text", "找我刷单返利")).statusCode(200).body("decision", equalTo("PASS")).body("flagged", equalTo(true))
                .body("strict", equalTo(false));
        check(Map.of("text", "找我刷单返利", "context", Map.of("board", "kids"))).statusCode(200)
                .body("decision", equalTo("REVIEW")).body("strict", equalTo(true));
        check(Map.of("text", "我的主页 http://a.example", "contentType", "nickname")).statusCode(200)
                .body("decision", equalTo("REVIEW")).body("ruleIds", hasItem("spam:links"));
        check(Map.of("text", "我的主页 http://a.example", "contentType", "post")).statusCode(200).body("decision", equalTo("PASS"));
    }

    @Test
    void aNearDuplicateOfTheAuthorsRecentTextGoesToReviewButARecheckOfTheSamePieceDoesNot() {
        String author = member(2);
        String text = "全新未拆封的耳机转让，原价一千二，现价六百，包邮到家，有意私聊";
        String first = UUID.randomUUID().toString();
        check(text, author, first).body("decision", equalTo("PASS"));
        check(text, author, first).body("decision", equalTo("PASS")).body("ruleIds", not(hasItem("spam:duplicate")));
        check(text.replace("，包邮", "！包邮"), author, UUID.randomUUID().toString()).body("decision", equalTo("REVIEW"))
                .body("ruleIds", hasItem("spam:duplicate"));
        check(text, member(2), null).body("decision", equalTo("PASS"));
        assertEquals(2, Sql.count("select count(*) from moderation_fingerprint where author_id = ?", author));
        assertEquals(1, Sql.count("select count(*) from moderation_fingerprint where author_id = ? and context ->> 'source' = 'UGC'"
                + " and subject = ? and decision = 'PASS'", author, first));

        clock.advance(Duration.ofHours(25));
        check(text, author, UUID.randomUUID().toString()).body("decision", equalTo("PASS"));
    }

    @Test
    void aBurstBeyondTheTrustLevelsHourlyAllowanceGoesToReview() {
        String author = member(0);
        String[] texts = {"今天天气很好适合跑步", "晚饭吃了一碗牛肉面", "周末打算去图书馆看书", "新买的键盘手感不错", "下午的会议改到三点"};
        for (String t : texts) {
            check(t, author, UUID.randomUUID().toString()).body("decision", equalTo("PASS"));
        }
        check("最近在学做蛋糕和面包", author, UUID.randomUUID().toString()).body("decision", equalTo("REVIEW"))
                .body("ruleIds", hasItem("spam:rate"));
        clock.advance(Duration.ofMinutes(61));
        check("明天早上要去医院体检", author, UUID.randomUUID().toString()).body("decision", equalTo("PASS"));
    }

    @Test
    void aSanctionedAuthorsTextGoesToReview() {
        String author = member(2);
        given().header("Authorization", TestTokens.moderator()).contentType(ContentType.JSON)
                .body(Map.of("userId", author, "type", "MUTE", "reason", "刷屏", "durationHours", 24))
                .when().post("/api/community/sanctions").then().statusCode(201);
        check("一段普通的文字", author, null).body("decision", equalTo("REVIEW")).body("ruleIds", hasItem("author:sanctioned"))
                .body("hits[0].word", org.hamcrest.Matchers.startsWith("MUTE until "));
        clock.advance(Duration.ofHours(25));
        check("另一段普通的文字", author, null).body("decision", equalTo("PASS"));
    }

    @Test
    void aBadContextIsRefusedAndNothingIsKept() {
        String author = "author-" + UUID.randomUUID();
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < 21; i++) {
            many.put("k" + i, "v");
        }
        check(Map.of("text", "你好", "authorId", author, "context", many)).statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("context"));
        check(Map.of("text", "你好", "authorId", author, "context", Map.of("x".repeat(41), "v"))).statusCode(400)
                .contentType("application/problem+json");
        check(Map.of("text", " ", "authorId", author)).statusCode(400);
        assertEquals(0, Sql.count("select count(*) from moderation_fingerprint where author_id = ?", author));
        assertEquals(0, Sql.count("select count(*) from member_standing where user_id = ?", author));
    }
}
