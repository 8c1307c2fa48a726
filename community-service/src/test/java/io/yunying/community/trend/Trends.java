package io.yunying.community.trend;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.yunying.testsupport.TestTokens;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Test helpers for hot topics, all through the HTTP API. */
final class Trends {

    private Trends() {
    }

    /** A topic name no other test uses. */
    static String topic(String stem) {
        return stem + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Map<String, Object> event(UUID id, String actor, Instant at, String... topics) {
        return Map.of("id", id.toString(), "topics", List.of(topics), "actor", actor, "occurredAt", at.toString());
    }

    /** One event per user, each from a different user (prefix-1..prefix-n), all at the given time. */
    static List<Map<String, Object>> users(String topic, String prefix, int n, Instant at) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            events.add(event(UUID.randomUUID(), prefix + "-" + i, at, topic));
        }
        return events;
    }

    static ValidatableResponse ingest(List<Map<String, Object>> events) {
        return given().header("Authorization", TestTokens.service()).contentType(ContentType.JSON).body(events)
                .when().post("/api/community/trends/signals").then();
    }

    static void recompute() {
        given().header("Authorization", TestTokens.admin()).when().post("/api/community/trends/recompute")
                .then().statusCode(200);
    }

    static ValidatableResponse ops(String window) {
        return given().header("Authorization", TestTokens.operator()).queryParam("window", window).queryParam("limit", 200)
                .when().get("/api/community/trends/ops").then().statusCode(200);
    }

    static ValidatableResponse publicList(String window) {
        return given().header("Authorization", TestTokens.appUser("reader")).queryParam("window", window).queryParam("limit", 50)
                .when().get("/api/community/trends").then().statusCode(200);
    }

    static ValidatableResponse guide(String topic, String action, Map<String, Object> body) {
        return given().header("Authorization", TestTokens.moderator()).contentType(ContentType.JSON).body(body)
                .when().post("/api/community/trends/topics/{topic}/" + action, topic).then();
    }
}
