package io.yunying.push.analytics;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.yunying.push.support.Api;
import io.yunying.push.support.Db;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.TestClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static io.yunying.push.support.Api.operator;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

/**
 * Retention and funnels restricted to a segment, live (its rule evaluated at query time) or
 * materialised (its stored membership). Times UTC, today 2026-04-20: s1 (CN-31) signs up 04-01 and
 * opens the app 04-02 and 04-08; s2 (CN-31) signs up 04-01 and opens 04-09; s3 (CN-11) signs up
 * 04-01 and opens 04-02. Funnel view → purchase within 24 h: s1 and s3 convert, s2 only views.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class AnalyticsBySegmentTest {

    static final Instant NOW = Instant.parse("2026-04-20T12:00:00Z");
    static final String FUNNEL = "{\"steps\": [{\"event\": \"view\"}, {\"event\": \"purchase\"}], \"from\": \"2026-04-01T00:00:00Z\", "
            + "\"to\": \"2026-04-20T00:00:00Z\", \"windowHours\": 24, \"segment\": \"%s\"}";

    @Inject
    TestClock clock;

    @BeforeEach
    void data() {
        Db.clearAudience();
        clock.set(NOW);
        Api.contact("s1", "\"region\": \"CN-31\", \"signedUpAt\": \"2026-04-01T08:00:00Z\"");
        Api.contact("s2", "\"region\": \"CN-31\", \"signedUpAt\": \"2026-04-01T09:00:00Z\"");
        Api.contact("s3", "\"region\": \"CN-11\", \"signedUpAt\": \"2026-04-01T10:00:00Z\"");
        Api.send(step("s1", "app_open", "2026-04-02T09:00:00Z"), step("s1", "app_open", "2026-04-08T09:00:00Z"),
                step("s2", "app_open", "2026-04-09T09:00:00Z"), step("s3", "app_open", "2026-04-02T09:00:00Z"),
                step("s1", "view", "2026-04-03T10:00:00Z"), step("s1", "purchase", "2026-04-03T11:00:00Z"),
                step("s2", "view", "2026-04-03T10:00:00Z"),
                step("s3", "view", "2026-04-04T10:00:00Z"), step("s3", "purchase", "2026-04-04T12:00:00Z"));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static String step(String who, String type, String at) {
        return Api.event(UUID.randomUUID().toString(), who, type, Instant.parse(at), type.equals("purchase") ? "10" : null);
    }

    private static void segment(String key, boolean materialised, String rule) {
        operator().body("{\"key\": \"" + key + "\", \"name\": \"" + key + "\", \"materialised\": " + materialised + ", \"rule\": " + rule + "}")
                .post("/api/push/segments").then().statusCode(201);
    }

    @Test
    void aLiveSegmentIsEvaluatedAtQueryTime() {
        segment("sh-live", false, "{\"attribute\": \"region\", \"op\": \"eq\", \"value\": \"CN-31\"}");
        String retention = "/api/push/analytics/retention?from=2026-04-01&to=2026-04-01&zone=UTC&days=1,7,8&segment=sh-live";
        operator().get(retention).then().statusCode(200)
                .body("segment", equalTo("sh-live"))
                .body("cohorts[0].size", equalTo(2))
                .body("cohorts[0].retained.count", contains(1, 1, 1));
        operator().get(retention + "&mode=unbounded").then().statusCode(200)
                .body("cohorts[0].retained.count", contains(2, 2, 1));
        operator().body(FUNNEL.formatted("sh-live")).post("/api/push/analytics/funnels").then().statusCode(200)
                .body("steps.contacts", contains(2, 1));
        // s3 moves to Shanghai: the live segment follows at once
        operator().body("{\"region\": \"CN-31\"}").patch("/api/push/contacts/s3").then().statusCode(200);
        operator().get(retention).then().statusCode(200).body("cohorts[0].size", equalTo(3))
                .body("cohorts[0].retained.count", contains(2, 1, 1));
        operator().body(FUNNEL.formatted("sh-live")).post("/api/push/analytics/funnels").then().statusCode(200)
                .body("steps.contacts", contains(3, 2));
    }

    @Test
    void aMaterialisedSegmentReadsItsStoredMembership() {
        segment("sh", true, "{\"attribute\": \"region\", \"op\": \"eq\", \"value\": \"CN-31\"}");
        String retention = "/api/push/analytics/retention?from=2026-04-01&to=2026-04-01&zone=UTC&segment=sh";
        // not refreshed yet: no members
        operator().get(retention).then().statusCode(200).body("cohorts", empty());
        operator().post("/api/push/segments/sh/refresh").then().statusCode(200);
        operator().get(retention).then().statusCode(200).body("cohorts[0].size", equalTo(2))
                .body("cohorts[0].retained.count", contains(1, 1, null));
        operator().body("{\"region\": \"CN-31\"}").patch("/api/push/contacts/s3").then().statusCode(200);
        // the stored membership holds until the next refresh
        operator().body(FUNNEL.formatted("sh")).post("/api/push/analytics/funnels").then().statusCode(200)
                .body("steps.contacts", contains(2, 1));
    }

    @Test
    void aSegmentBuiltOnEventsAndAnotherSegment() {
        segment("buyers", true, "{\"event\": \"purchase\", \"op\": \"performed\"}");
        operator().post("/api/push/segments/buyers/refresh").then().statusCode(200);
        segment("sh-buyers", false, "{\"all\": [{\"segment\": \"buyers\"}, {\"not\": {\"attribute\": \"region\", \"op\": \"eq\", \"value\": \"CN-11\"}}]}");
        operator().get("/api/push/analytics/retention?from=2026-04-01&to=2026-04-01&zone=UTC&segment=sh-buyers").then().statusCode(200)
                .body("cohorts[0].size", equalTo(1))
                .body("cohorts[0].retained.count", contains(1, 1, null));
        operator().body(FUNNEL.formatted("sh-buyers")).post("/api/push/analytics/funnels").then().statusCode(200)
                .body("steps.contacts", contains(1, 1));
    }

    @Test
    void anUnknownSegmentIsNamed() {
        operator().get("/api/push/analytics/retention?segment=nope").then().statusCode(400)
                .body("errors[0].field", equalTo("segment"));
        operator().body(FUNNEL.formatted("nope")).post("/api/push/analytics/funnels").then().statusCode(400)
                .body("errors[0].field", equalTo("segment"));
    }
}
