package io.yunying.content.review;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.yunying.content.Api.post;
import static io.yunying.content.Api.send;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(FakeCommunity.class)
class ReviewQueueTest {

    private static final String ALICE = TestTokens.bearer("reviewer-alice", "reviewer");
    private static final String BOB = TestTokens.bearer("reviewer-bob", "reviewer");

    @Inject
    TestClock clock;

    @Inject
    ReviewService reviews;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void aClaimKeepsOtherReviewersOutUntilItsLeaseRunsOut() {
        clock.set(Instant.parse("2026-03-01T08:00:00Z"));
        String id = Api.submittedForReview("租约");

        post(ALICE, "/api/content/review/items/{id}/claim", id).statusCode(200)
                .body("state", equalTo("IN_REVIEW"))
                .body("claimedBy", equalTo("reviewer-alice"))
                .body("claimExpiresAt", equalTo("2026-03-01T08:15:00Z"));

        post(BOB, "/api/content/review/items/{id}/claim", id).statusCode(409)
                .body("type", equalTo("urn:yunying:problem:claimed"))
                .body("claimedBy", equalTo("reviewer-alice"))
                .body("currentState", equalTo("IN_REVIEW"));
        send(BOB, Map.of(), "/api/content/review/items/{id}/approve", id).statusCode(409)
                .body("type", equalTo("urn:yunying:problem:claimed"));
        Api.as(ALICE).get("/api/content/review/queue?limit=100").then().statusCode(200)
                .body("items.id", not(hasItem(id)));

        clock.advance(Duration.ofMinutes(16));

        // the abandoned claim is back in the queue and the original reviewer can no longer decide on it
        Api.as(BOB).get("/api/content/review/queue?limit=100").then().statusCode(200).body("items.id", hasItem(id));
        send(ALICE, Map.of(), "/api/content/review/items/{id}/approve", id).statusCode(409)
                .body("type", equalTo("urn:yunying:problem:claim-expired"));
        post(BOB, "/api/content/review/items/{id}/claim", id).statusCode(200).body("claimedBy", equalTo("reviewer-bob"));
        send(BOB, Map.of(), "/api/content/review/items/{id}/approve", id).statusCode(200).body("state", equalTo("APPROVED"));
    }

    @Test
    void theLeaseJobReturnsExpiredClaimsToTheQueueWithAnAuditEntry() {
        clock.set(Instant.parse("2026-03-02T08:00:00Z"));
        String id = Api.submittedForReview("过期认领");
        post(ALICE, "/api/content/review/items/{id}/claim", id).statusCode(200);

        clock.advance(Duration.ofMinutes(10));
        reviews.releaseExpired().await().indefinitely();
        assertEquals("IN_REVIEW", Api.state(id), "a running lease is left alone");

        clock.advance(Duration.ofMinutes(10));
        assertTrue(reviews.releaseExpired().await().indefinitely() >= 1);
        assertEquals("SUBMITTED", Api.state(id));
        assertEquals("system:review-lease", Sql.string(
                "select actor from item_transition where item_id = ? order by id desc limit 1", UUID.fromString(id)));
    }

    @Test
    void aClaimantMayRenewAndRelease() {
        clock.set(Instant.parse("2026-03-03T08:00:00Z"));
        String id = Api.submittedForReview("续租");
        post(ALICE, "/api/content/review/items/{id}/claim", id).statusCode(200);
        clock.advance(Duration.ofMinutes(10));
        post(ALICE, "/api/content/review/items/{id}/claim", id).statusCode(200)
                .body("claimExpiresAt", equalTo("2026-03-03T08:25:00Z"));
        post(BOB, "/api/content/review/items/{id}/release", id).statusCode(409);
        post(ALICE, "/api/content/review/items/{id}/release", id).statusCode(200).body("state", equalTo("SUBMITTED"));
    }

    @Test
    void aRejectionNeedsAReasonAndAnEditReturnsTheItemToDraft() {
        String id = Api.submittedForReview("需要理由");
        post(ALICE, "/api/content/review/items/{id}/claim", id).statusCode(200);
        send(ALICE, Map.of("reason", " "), "/api/content/review/items/{id}/reject", id).statusCode(400);
        send(ALICE, Map.of("reason", "图片侵权"), "/api/content/review/items/{id}/reject", id).statusCode(200)
                .body("state", equalTo("REJECTED")).body("reason", equalTo("图片侵权"));
        Api.edit(id, Map.of("title", "换了图片")).statusCode(200).body("state", equalTo("DRAFT")).body("reason", equalTo("图片侵权"));
    }

    @Test
    void theQueueListsByPriorityThenAge() {
        clock.set(Instant.parse("2020-01-01T00:00:00Z"));
        String older = Api.submittedForReview("较早");
        clock.advance(Duration.ofMinutes(1));
        String newer = Api.submittedForReview("较晚");
        clock.reset();
        var ids = Api.as(ALICE).get("/api/content/review/queue?limit=100").then().statusCode(200)
                .extract().<List<String>>path("items.id");
        assertTrue(ids.indexOf(older) >= 0 && ids.indexOf(older) < ids.indexOf(newer));

        // paging with the cursor visits the same entries, none twice
        String first = Api.as(ALICE).get("/api/content/review/queue?limit=1").then().statusCode(200).extract().path("nextCursor");
        Api.as(ALICE).queryParam("cursor", first).queryParam("limit", 1).get("/api/content/review/queue").then().statusCode(200)
                .body("items[0].id", equalTo(ids.get(1)));
    }

    @Test
    void bulkDecisionsReportOneOutcomePerItem() {
        String a = Api.submittedForReview("批量一");
        String b = Api.submittedForReview("批量二");
        String draft = Api.draft("草稿", null);
        String otherClaim = Api.submittedForReview("别人的");
        post(BOB, "/api/content/review/items/{id}/claim", otherClaim).statusCode(200);

        send(ALICE, Map.of("decision", "REJECT", "reason", "重复内容", "ids", List.of(a, b, draft, otherClaim)),
                "/api/content/review/bulk")
                .statusCode(200)
                .body("[0].status", equalTo(200)).body("[0].state", equalTo("REJECTED"))
                .body("[1].status", equalTo(200))
                .body("[2].status", equalTo(409)).body("[2].state", equalTo("DRAFT"))
                .body("[3].status", equalTo(409)).body("[3].problem", equalTo("claimed"));
        assertEquals("REJECTED", Api.state(a));
        assertEquals("REJECTED", Api.state(b));
        assertEquals("IN_REVIEW", Api.state(otherClaim));
        assertEquals("重复内容", Sql.string("select reason from item_transition where item_id = ? and action = 'REJECT'", UUID.fromString(a)));
    }
}
