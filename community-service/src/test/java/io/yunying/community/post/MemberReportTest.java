package io.yunying.community.post;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.Sql;
import io.yunying.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.yunying.community.post.Community.as;
import static io.yunying.community.post.Community.board;
import static io.yunying.community.post.Community.member;
import static io.yunying.community.post.Community.published;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Members report members; the reports queue the member for review, and an upheld one is a strike. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class MemberReportTest {

    @BeforeEach
    void setUp() {
        board("members");
    }

    private static io.restassured.response.ValidatableResponse reportMember(String reporter, String memberId, String reason) {
        return as(TestTokens.appUser(reporter), "POST", "/api/community/reports",
                "{\"memberId\": \"" + memberId + "\", \"reason\": \"" + reason + "\", \"note\": \"私信骚扰\"}");
    }

    @Test
    void reportsAgainstAMemberQueueThemAndAnUpheldOneIsAStrike() {
        String target = member();
        published(target, "members", "我是被举报的人");
        String first = member();
        reportMember(first, target, "HARASSMENT").statusCode(201).body("memberId", equalTo(target)).body("postId", nullValue())
                .body("weight", equalTo(0.5f)).body("postStatus", nullValue());
        reportMember(member(), target, "SPAM").statusCode(201).body("postReportWeight", equalTo(1.0f));
        reportMember(first, target, "HARASSMENT").statusCode(409).body("type", equalTo("urn:yunying:problem:already-reported"));

        String itemId = Sql.string("select id::text from review_item where member_id = ? and status = 'OPEN'", target);
        assertNotNull(itemId);
        assertEquals(1, Sql.count("select count(*) from review_item where member_id = ?", target), "one open item per member");
        as(TestTokens.moderator(), "GET", "/api/community/reviews/" + itemId, null).statusCode(200)
                .body("memberId", equalTo(target)).body("postId", nullValue()).body("reason", equalTo("REPORTED"))
                .body("reportWeight", equalTo(1.0f)).body("score", equalTo(2.0f));
        as(TestTokens.moderator(), "GET", "/api/community/members/" + target + "/standing", null).statusCode(200)
                .body("reportedWeight", equalTo(1.0f)).body("strikes", equalTo(0));

        as(TestTokens.moderator(), "POST", "/api/community/reviews/" + itemId + "/claim", null).statusCode(200);
        as(TestTokens.moderator(), "POST", "/api/community/reviews/" + itemId + "/decision",
                "{\"decision\": \"MASK\", \"maskedBody\": \"x\"}").statusCode(400).body("errors.field", hasItem("decision"));
        as(TestTokens.moderator(), "POST", "/api/community/reviews/" + itemId + "/decision",
                "{\"decision\": \"REMOVE\", \"note\": \"确认骚扰\"}").statusCode(200).body("decision", equalTo("REMOVE"));
        assertEquals("WARN", Sql.string("select type from sanction where review_item_id = ?::uuid", itemId));
        assertEquals(1, Sql.count("select count(*) from strike where user_id = ? and revoked_at is null", target));
        assertEquals(1, Sql.count("select count(*) from moderation_log where action = 'review.remove' and subject_id = ?", target));

        String appealId = as(TestTokens.appUser(target), "POST", "/api/community/appeals",
                "{\"reviewItemId\": \"" + itemId + "\", \"text\": \"是误会\"}").statusCode(201).extract().path("id");
        as(TestTokens.moderator(), "POST", "/api/community/appeals/" + appealId + "/resolution", "{\"outcome\": \"REVERSE\"}")
                .statusCode(200);
        assertEquals(0, Sql.count("select count(*) from strike where user_id = ? and revoked_at is null", target));
        assertNotNull(Sql.string("select revoked_at::text from sanction where review_item_id = ?::uuid", itemId));
    }

    @Test
    void badMemberReportsAreRefusedAndNothingIsWritten() {
        String reporter = member();
        String target = member();
        published(target, "members", "另一个被举报的人");
        String postId = published(member(), "members", "一篇帖子");
        reportMember(reporter, reporter, "SPAM").statusCode(400).body("errors.field", hasItem("memberId"));
        reportMember(reporter, "nobody-" + java.util.UUID.randomUUID(), "SPAM").statusCode(404);
        as(TestTokens.appUser(reporter), "POST", "/api/community/reports",
                "{\"memberId\": \"" + target + "\", \"postId\": \"" + postId + "\", \"reason\": \"SPAM\"}").statusCode(400)
                .contentType("application/problem+json");
        as(TestTokens.appUser(reporter), "POST", "/api/community/reports", "{\"reason\": \"SPAM\"}").statusCode(400);
        reportMember(reporter, target, "NOT_A_REASON").statusCode(400);
        assertEquals(0, Sql.count("select count(*) from report where reporter_id = ?", reporter));
        assertEquals(0, Sql.count("select count(*) from review_item where member_id = ?", target));
    }
}
