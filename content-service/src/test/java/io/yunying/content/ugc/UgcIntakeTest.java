package io.yunying.content.ugc;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.yunying.content.Api;
import io.yunying.content.FakeCommunity;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.Sql;
import io.yunying.testsupport.TestClock;
import io.yunying.testsupport.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(FakeCommunity.class)
class UgcIntakeTest {

    @Inject
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static ValidatableResponse submit(String user, String title) {
        return Api.as(TestTokens.appUser(user))
                .body(Map.of("type", "POST", "title", title, "body", "<p>" + title + "</p><script>x()</script>", "tags", java.util.List.of("跑步")))
                .post("/api/content/ugc").then();
    }

    private static void inReviewQueue(String id) {
        Api.as(TestTokens.reviewer()).get("/api/content/review/queue?limit=100").then().statusCode(200).body("items.id", hasItem(id));
    }

    @Test
    void aPassingCheckForAnOrdinaryAuthorStillWaitsForAHuman() {
        String id = submit(Api.unique("user"), "周末跑了十公里").statusCode(201)
                .body("source", equalTo("UGC")).body("state", equalTo("SUBMITTED")).body("moderation", equalTo("PASS"))
                .extract().path("id");
        inReviewQueue(id);
        assertEquals(0, Sql.count("select count(*) from published_content where id = ?", UUID.fromString(id)));
        assertEquals("<p>周末跑了十公里</p>", Sql.string("select body from content_item where id = ?", UUID.fromString(id)));
        org.junit.jupiter.api.Assertions.assertTrue(FakeCommunity.lastAuthorization.startsWith("Bearer "));
    }

    @Test
    void aPassingCheckPublishesATrustedAuthorsPiece() {
        String id = submit("trusted-user", "可信作者的分享").statusCode(201)
                .body("state", equalTo("PUBLISHED")).extract().path("id");
        assertEquals(1, Sql.count("select count(*) from published_content where id = ?", UUID.fromString(id)));
        assertEquals("system:moderation-check", Sql.string(
                "select actor from item_transition where item_id = ? and action = 'APPROVE'", UUID.fromString(id)));
    }

    @Test
    void aBlockRejectsWithTheReason() {
        String id = submit(Api.unique("user"), "[block] 赌博网站").statusCode(201)
                .body("state", equalTo("REJECTED")).body("reason", equalTo("blocked by the moderation check: 赌博 (GAMBLING)")).body("moderation", equalTo("BLOCK"))
                .extract().path("id");
        assertEquals(0, Sql.count("select count(*) from published_content where id = ?", UUID.fromString(id)));
    }

    @Test
    void aReviewVerdictQueuesTheItemAheadOfOthers() {
        String id = submit(Api.unique("user"), "[review] 私信我领优惠").statusCode(201)
                .body("state", equalTo("SUBMITTED")).body("moderation", equalTo("REVIEW")).extract().path("id");
        Api.as(TestTokens.reviewer()).get("/api/content/review/queue?limit=1").then().statusCode(200)
                .body("items[0].priority", equalTo(10));
        inReviewQueue(id);
    }

    @Test
    void aFlaggedPassIsHeldForAHumanEvenForATrustedAuthor() {
        String id = submit("trusted-user", "[flag] 限时优惠").statusCode(201)
                .body("state", equalTo("SUBMITTED")).body("moderation", equalTo("REVIEW"))
                .body("reason", equalTo("flagged by the moderation check: 优惠 (AD)")).extract().path("id");
        inReviewQueue(id);
    }

    @Test
    void whenTheCheckIsDownMissingOrSlowTheItemWaitsInTheReviewQueue() {
        // trusted authors too: without a passing check nothing is published automatically
        for (String marker : new String[]{"[down]", "[missing]", "[slow]"}) {
            String id = submit("trusted-user", marker + " 无法检查").statusCode(201)
                    .body("state", equalTo("SUBMITTED")).body("moderation", equalTo("UNAVAILABLE")).extract().path("id");
            inReviewQueue(id);
            assertEquals(0, Sql.count("select count(*) from published_content where id = ?", UUID.fromString(id)));
        }
    }

    @Test
    void anApprovedUgcPieceGoesLive() {
        String id = submit(Api.unique("user"), "等待人工审核").statusCode(201).extract().path("id");
        Api.post(TestTokens.reviewer(), "/api/content/review/items/{id}/claim", id).statusCode(200);
        Api.send(TestTokens.reviewer(), Map.of(), "/api/content/review/items/{id}/approve", id).statusCode(200)
                .body("state", equalTo("PUBLISHED"));
    }

    @Test
    void submissionsAreRateLimitedPerUser() {
        clock.set(Instant.parse("2029-06-01T10:00:00Z"));
        String user = Api.unique("busy");
        for (int i = 0; i < 5; i++) {
            submit(user, "第 " + i + " 条").statusCode(201);
            clock.advance(Duration.ofMinutes(1));
        }
        submit(user, "第 6 条").statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("3301"))
                .body("type", equalTo("urn:yunying:problem:rate-limited"));
        submit(Api.unique("other"), "别人不受影响").statusCode(201);
        clock.set(Instant.parse("2029-06-01T11:00:01Z"));
        submit(user, "窗口过去了").statusCode(201);
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyAnswersTheFirstSubmission() {
        String user = Api.unique("retry");
        String first = Api.as(TestTokens.appUser(user)).header("Idempotency-Key", "k-123")
                .body(Map.of("type", "POST", "title", "网络不好重试了")).post("/api/content/ugc")
                .then().statusCode(201).extract().path("id");
        Api.as(TestTokens.appUser(user)).header("Idempotency-Key", "k-123")
                .body(Map.of("type", "POST", "title", "网络不好重试了")).post("/api/content/ugc")
                .then().statusCode(200).body("id", equalTo(first)).body("slug", startsWith("ugc-"));
        assertEquals(1, Sql.count("select count(*) from content_item where author = ?", user));
    }
}
