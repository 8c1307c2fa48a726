package io.yunying.content.pipeline;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.yunying.content.Api;
import io.yunying.content.FakeCommunity;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.Sql;
import io.yunying.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static io.yunying.content.Api.post;
import static io.yunying.content.Api.send;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every action from every state: legal ones land where the table says, illegal ones are a 409 that names the way out. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(FakeCommunity.class)
class PipelineTransitionTest {

    static Stream<Arguments> everyStateAndAction() {
        return Arrays.stream(ContentState.values())
                .flatMap(state -> Arrays.stream(Action.values()).map(action -> Arguments.of(state, action)));
    }

    @ParameterizedTest(name = "{1} from {0}")
    @MethodSource("everyStateAndAction")
    void everyTransitionIsEnforced(ContentState state, Action action) {
        String id = itemIn(state);
        assertEquals(state.name(), Api.state(id));

        ValidatableResponse answer = perform(action, id);

        if (action == Action.REOPEN) {
            expectEdit(state, id, answer);
            return;
        }
        boolean legal = action.from().contains(state);
        boolean needsClaim = (action == Action.APPROVE || action == Action.REJECT) && state == ContentState.SUBMITTED;
        if (legal && !needsClaim) {
            ContentState expected = action == Action.SUBMIT ? ContentState.APPROVED : action.to();
            answer.statusCode(200).body("state", equalTo(expected.name()));
            assertEquals(expected.name(), Api.state(id));
            return;
        }
        answer.statusCode(409).contentType("application/problem+json").body("currentState", equalTo(state.name()));
        if (needsClaim) {
            answer.body("type", equalTo("urn:yunying:problem:claim-required"));
        } else {
            answer.body("type", equalTo("urn:yunying:problem:illegal-transition"))
                    .body("allowedActions", containsInAnyOrder(Pipeline.allowedFrom(state).stream().map(Enum::name).toArray()))
                    .body("allowedStates", hasItems(Pipeline.allowedFrom(state).stream().map(a -> a.to().name()).distinct().toArray()));
        }
        assertEquals(state.name(), Api.state(id), "a refused action changes nothing");
    }

    private static void expectEdit(ContentState state, String id, ValidatableResponse answer) {
        switch (state) {
            case SUBMITTED, IN_REVIEW, ARCHIVED, TAKEN_DOWN -> {
                answer.statusCode(409).body("type", equalTo("urn:yunying:problem:item-locked")).body("currentState", equalTo(state.name()));
                assertEquals(state.name(), Api.state(id));
            }
            case DRAFT -> answer.statusCode(200).body("state", equalTo("DRAFT"));
            case PUBLISHED -> answer.statusCode(200).body("state", equalTo("PUBLISHED")).body("pendingChanges", equalTo(true));
            default -> answer.statusCode(200).body("state", equalTo("DRAFT"));
        }
    }

    @Test
    void anIllegalTransitionNamesTheCurrentStateAndTheAllowedOnes() {
        String id = Api.draft("草稿不能发布", null);
        post(TestTokens.editor(), "/api/content/items/{id}/publish", id)
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:yunying:problem:illegal-transition"))
                .body("currentState", equalTo("DRAFT"))
                .body("action", equalTo("PUBLISH"))
                .body("allowedActions", contains("SUBMIT", "ARCHIVE"))
                .body("allowedStates", contains("SUBMITTED", "ARCHIVED"));
    }

    @Test
    void everyStateChangeIsInTheAuditLog() {
        String id = Api.submittedForReview("审计日志");
        post(TestTokens.reviewer(), "/api/content/review/items/{id}/claim", id).statusCode(200);
        send(TestTokens.reviewer(), Map.of("reason", "标题党"), "/api/content/review/items/{id}/reject", id).statusCode(200);

        Api.as(TestTokens.editor()).get("/api/content/items/{id}/history", id).then().statusCode(200)
                .body("action", contains("SUBMIT", "CLAIM", "REJECT"))
                .body("fromState", contains("DRAFT", "SUBMITTED", "IN_REVIEW"))
                .body("toState", contains("SUBMITTED", "IN_REVIEW", "REJECTED"))
                .body("actor", contains("editor-test", "reviewer-test", "reviewer-test"))
                .body("[2].reason", equalTo("标题党"));
        assertEquals(3, Sql.count("select count(*) from item_transition where item_id = ?", UUID.fromString(id)));
    }

    @Test
    void aStaleIfMatchIsRefusedWith412() {
        String id = Api.draft("版本冲突", null);
        Api.as(TestTokens.editor()).header("If-Match", "\"99\"").post("/api/content/items/{id}/submit", id)
                .then().statusCode(412).body("type", equalTo("urn:yunying:problem:stale-version"));
        assertEquals("DRAFT", Api.state(id));
    }

    /** Puts a fresh item into {@code state} through the API. */
    static String itemIn(ContentState state) {
        String title = "状态 " + state;
        return switch (state) {
            case DRAFT -> Api.draft(title, null);
            case SUBMITTED -> Api.submittedForReview(title);
            case IN_REVIEW -> claimed(title);
            case APPROVED -> Api.approved(title);
            case REJECTED -> {
                String id = claimed(title);
                send(TestTokens.reviewer(), Map.of("reason", "不合适"), "/api/content/review/items/{id}/reject", id).statusCode(200);
                yield id;
            }
            case SCHEDULED -> {
                String id = Api.approved(title);
                Api.schedule(id, Instant.now().plus(Duration.ofDays(1))).statusCode(200);
                yield id;
            }
            case PUBLISHED -> Api.published(title);
            case UNPUBLISHED -> {
                String id = Api.published(title);
                post(TestTokens.editor(), "/api/content/items/{id}/unpublish", id).statusCode(200);
                yield id;
            }
            case ARCHIVED -> {
                String id = Api.draft(title, null);
                post(TestTokens.editor(), "/api/content/items/{id}/archive", id).statusCode(200);
                yield id;
            }
            case TAKEN_DOWN -> {
                String id = Api.published(title);
                send(TestTokens.moderator(), Map.of("reason", "侵权"), "/api/content/items/{id}/take-down", id).statusCode(200);
                yield id;
            }
        };
    }

    private static String claimed(String title) {
        String id = Api.submittedForReview(title);
        post(TestTokens.reviewer(), "/api/content/review/items/{id}/claim", id).statusCode(200);
        return id;
    }

    static ValidatableResponse perform(Action action, String id) {
        return switch (action) {
            case SUBMIT -> post(TestTokens.editor(), "/api/content/items/{id}/submit", id);
            case WITHDRAW -> post(TestTokens.editor(), "/api/content/items/{id}/withdraw", id);
            case CLAIM -> post(TestTokens.reviewer(), "/api/content/review/items/{id}/claim", id);
            case RELEASE -> post(TestTokens.reviewer(), "/api/content/review/items/{id}/release", id);
            case APPROVE -> send(TestTokens.reviewer(), Map.of(), "/api/content/review/items/{id}/approve", id);
            case REJECT -> send(TestTokens.reviewer(), Map.of("reason", "不合适"), "/api/content/review/items/{id}/reject", id);
            case SCHEDULE -> Api.schedule(id, Instant.now().plus(Duration.ofDays(2)));
            case UNSCHEDULE -> post(TestTokens.editor(), "/api/content/items/{id}/unschedule", id);
            case PUBLISH -> post(TestTokens.editor(), "/api/content/items/{id}/publish", id);
            case UNPUBLISH -> post(TestTokens.editor(), "/api/content/items/{id}/unpublish", id);
            case ARCHIVE -> post(TestTokens.editor(), "/api/content/items/{id}/archive", id);
            case TAKE_DOWN -> send(TestTokens.moderator(), Map.of("reason", "违规"), "/api/content/items/{id}/take-down", id);
            case REOPEN -> Api.edit(id, Map.of("title", "改过的标题 " + UUID.randomUUID()));
        };
    }

    @Test
    void theTableCoversEveryState() {
        Set<ContentState> reachable = new java.util.HashSet<>();
        for (Action a : Action.values()) {
            reachable.add(a.to());
        }
        reachable.add(ContentState.DRAFT);
        assertEquals(Set.of(ContentState.values()), reachable);
        assertEquals(List.of(), Pipeline.allowedFrom(ContentState.ARCHIVED));
    }
}
