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

import static io.restassured.RestAssured.given;
import static io.yunying.content.Api.post;
import static io.yunying.content.Api.send;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Saved changes to a published item are a review task: submitted, claimed with a lease, approved or rejected, or discarded. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(FakeCommunity.class)
class PendingChangesReviewTest {

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

    /** A published item in a category that requires review, with saved changes to its title. */
    private static String publishedWithChanges(String title, String changedTitle) {
        String category = Api.category(true);
        String id = Api.draft(title, category);
        post(TestTokens.editor(), "/api/content/items/{id}/submit", id).statusCode(200);
        post(ALICE, "/api/content/review/items/{id}/claim", id).statusCode(200);
        post(ALICE, "/api/content/review/items/{id}/approve", id).statusCode(200);
        post(TestTokens.editor(), "/api/content/items/{id}/publish", id).statusCode(200);
        Api.edit(id, Map.of("title", changedTitle, "category", category)).statusCode(200)
                .body("state", equalTo("PUBLISHED")).body("pendingChanges", equalTo(true)).body("changes", equalTo("PENDING"));
        return id;
    }

    private static String liveTitle(String id) {
        return given().header("Authorization", TestTokens.appUser("reader")).get("/api/content/published/{id}", id)
                .then().statusCode(200).extract().path("title");
    }

    private static List<String> queueIds() {
        return given().header("Authorization", ALICE).queryParam("limit", 100).get("/api/content/review/queue")
                .then().statusCode(200).extract().path("items.id");
    }

    @Test
    void submittedChangesAreClaimedAndApprovedLikeAnyReviewWork() {
        String id = publishedWithChanges("改前标题", "改后标题");
        org.hamcrest.MatcherAssert.assertThat(queueIds(), not(hasItem(id)));

        post(TestTokens.editor(), "/api/content/items/{id}/submit-changes", id).statusCode(200)
                .body("state", equalTo("PUBLISHED")).body("changes", equalTo("SUBMITTED"));
        given().header("Authorization", ALICE).queryParam("limit", 100).get("/api/content/review/queue").then().statusCode(200)
                .body("items.find { it.id == '" + id + "' }.kind", equalTo("CHANGES"))
                .body("items.find { it.id == '" + id + "' }.revision", equalTo(2))
                .body("items.find { it.id == '" + id + "' }.liveRevision", equalTo(1));
        Api.edit(id, Map.of("title", "审核中再改")).statusCode(409).body("type", equalTo("urn:yunying:problem:item-locked"));

        post(ALICE, "/api/content/review/items/{id}/approve", id).statusCode(409)
                .body("type", equalTo("urn:yunying:problem:claim-required"));
        post(ALICE, "/api/content/review/items/{id}/claim", id).statusCode(200)
                .body("changes", equalTo("IN_REVIEW")).body("claimedBy", equalTo("reviewer-alice"));
        post(BOB, "/api/content/review/items/{id}/claim", id).statusCode(409).body("type", equalTo("urn:yunying:problem:claimed"));
        post(BOB, "/api/content/review/items/{id}/approve", id).statusCode(409);
        post(TestTokens.editor(), "/api/content/items/{id}/discard-changes", id).statusCode(409)
                .body("type", equalTo("urn:yunying:problem:changes-in-review"));
        org.hamcrest.MatcherAssert.assertThat(queueIds(), not(hasItem(id)));
        assertEquals("改前标题", liveTitle(id), "the live copy serves while the changes are reviewed");

        post(ALICE, "/api/content/review/items/{id}/approve", id).statusCode(200)
                .body("state", equalTo("PUBLISHED")).body("changes", nullValue()).body("pendingChanges", equalTo(false))
                .body("liveRevision", equalTo(2)).body("claimedBy", nullValue());
        assertEquals("改后标题", liveTitle(id));
        assertEquals(1, Sql.count("""
                select count(*) from item_transition where item_id = ? and action = 'APPROVE_CHANGES' and actor = 'reviewer-alice'
                and from_state = 'PUBLISHED' and to_state = 'PUBLISHED'""", UUID.fromString(id)));
        assertEquals(1, Sql.count("select count(*) from item_transition where item_id = ? and action = 'SUBMIT_CHANGES'", UUID.fromString(id)));
        assertEquals(2, Sql.count("select count(*) from outbox_event where type = 'content.published' and data->>'id' = ?", id));
    }

    @Test
    void rejectedChangesCarryTheReasonAndTheEditorMayDiscardThem() {
        String id = publishedWithChanges("原来的标题", "标题党的标题");
        post(TestTokens.editor(), "/api/content/items/{id}/submit-changes", id).statusCode(200);
        post(BOB, "/api/content/review/items/{id}/claim", id).statusCode(200);
        send(BOB, Map.of(), "/api/content/review/items/{id}/reject", id).statusCode(400);
        send(BOB, Map.of("reason", "标题党"), "/api/content/review/items/{id}/reject", id).statusCode(200)
                .body("state", equalTo("PUBLISHED")).body("changes", equalTo("REJECTED")).body("changesReason", equalTo("标题党"))
                .body("pendingChanges", equalTo(true));
        assertEquals("原来的标题", liveTitle(id));
        org.hamcrest.MatcherAssert.assertThat(queueIds(), not(hasItem(id)));

        post(TestTokens.reviewer(), "/api/content/items/{id}/discard-changes", id).statusCode(403);
        post(TestTokens.editor(), "/api/content/items/{id}/discard-changes", id).statusCode(200)
                .body("state", equalTo("PUBLISHED")).body("title", equalTo("原来的标题"))
                .body("pendingChanges", equalTo(false)).body("changes", nullValue()).body("changesReason", nullValue())
                .body("revision", equalTo(3)).body("liveRevision", equalTo(3));
        assertEquals("原来的标题", liveTitle(id));
        assertEquals("原来的标题", Sql.string("select title from content_revision where item_id = ? and number = 3", UUID.fromString(id)));
        assertEquals("标题党的标题", Sql.string("select title from content_revision where item_id = ? and number = 2", UUID.fromString(id)),
                "the discarded revision stays in the history");
        assertEquals(3, Sql.count("select revision from published_content where id = ?", UUID.fromString(id)));
        assertEquals(1, Sql.count("select count(*) from item_transition where item_id = ? and action = 'DISCARD_CHANGES'", UUID.fromString(id)));
        post(TestTokens.editor(), "/api/content/items/{id}/discard-changes", id).statusCode(409)
                .body("type", equalTo("urn:yunying:problem:no-pending-changes"));
        post(TestTokens.editor(), "/api/content/items/{id}/submit-changes", id).statusCode(409)
                .body("type", equalTo("urn:yunying:problem:no-pending-changes"));

        // an edit after a rejection makes the changes pending again
        Api.edit(id, Map.of("title", "诚实的新标题")).statusCode(200).body("changes", equalTo("PENDING"));
        post(TestTokens.editor(), "/api/content/items/{id}/discard-changes", id).statusCode(200).body("title", equalTo("原来的标题"));
    }

    @Test
    void anAbandonedClaimOnChangesReturnsToTheQueue() {
        clock.set(Instant.parse("2026-04-01T08:00:00Z"));
        String id = publishedWithChanges("租约改前", "租约改后");
        post(TestTokens.editor(), "/api/content/items/{id}/submit-changes", id).statusCode(200);
        post(ALICE, "/api/content/review/items/{id}/claim", id).statusCode(200).body("claimExpiresAt", equalTo("2026-04-01T08:15:00Z"));

        clock.set(Instant.parse("2026-04-01T08:16:00Z"));
        org.hamcrest.MatcherAssert.assertThat("an expired claim is claimable at once", queueIds(), hasItem(id));
        reviews.releaseExpired().await().atMost(Duration.ofSeconds(5));
        assertEquals("SUBMITTED", Sql.string("select changes from content_item where id = ?", UUID.fromString(id)));
        assertEquals(1, Sql.count("""
                select count(*) from item_transition where item_id = ? and action = 'RELEASE_CHANGES' and actor = 'system:review-lease'""",
                UUID.fromString(id)));
        post(BOB, "/api/content/review/items/{id}/claim", id).statusCode(200).body("claimedBy", equalTo("reviewer-bob"));
        post(BOB, "/api/content/review/items/{id}/release", id).statusCode(200).body("changes", equalTo("SUBMITTED"));

        // unpublishing the item ends the review task
        post(TestTokens.editor(), "/api/content/items/{id}/unpublish", id).statusCode(200).body("changes", nullValue());
        org.hamcrest.MatcherAssert.assertThat(queueIds(), not(hasItem(id)));
    }

    @Test
    void bulkApprovalDecidesChangesToo() {
        String first = publishedWithChanges("批量一", "批量一改");
        String second = publishedWithChanges("批量二", "批量二改");
        post(TestTokens.editor(), "/api/content/items/{id}/submit-changes", first).statusCode(200);
        send(ALICE, Map.of("decision", "APPROVE", "ids", List.of(first, second)), "/api/content/review/bulk").statusCode(200)
                .body("find { it.id == '" + first + "' }.status", equalTo(200))
                .body("find { it.id == '" + second + "' }.status", equalTo(409));
        assertEquals("批量一改", liveTitle(first));
        assertEquals("批量二", liveTitle(second), "changes that were never submitted are not approved in bulk");
    }

    @Test
    void changesInACategoryWithoutReviewGoLiveWhenSubmitted() {
        String id = Api.published("开放分类");
        Api.edit(id, Map.of("title", "开放分类改")).statusCode(200).body("changes", equalTo("PENDING"));
        post(TestTokens.editor(), "/api/content/items/{id}/submit-changes", id).statusCode(200)
                .body("changes", nullValue()).body("pendingChanges", equalTo(false));
        assertEquals("开放分类改", liveTitle(id));
        assertEquals("system:review-policy", Sql.string(
                "select actor from item_transition where item_id = ? and action = 'APPROVE_CHANGES'", UUID.fromString(id)));
    }
}
