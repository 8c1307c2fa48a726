package io.yunying.push.analytics;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.yunying.push.support.Api;
import io.yunying.push.support.Db;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.TestClock;
import io.yunying.testsupport.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.yunying.push.support.Api.operator;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/**
 * A small data set checked by hand (times UTC, today 2026-04-20):
 * r1 signs up 04-01 10:00 and opens the app 04-02 and 04-08; r2 signs up 04-01 23:00 and opens 04-02;
 * r3 signs up 04-01 05:00 and opens 04-05 and 04-10; r4 signs up 04-02 and opens 04-03 and 04-09;
 * r5 signs up 04-15 and opens 04-16. r1 and r3 live in CN-31.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class AnalyticsTest {

    static final Instant NOW = Instant.parse("2026-04-20T12:00:00Z");

    @Inject
    TestClock clock;

    @BeforeEach
    void data() {
        Db.clearAudience();
        clock.set(NOW);
        Api.contact("r1", "\"region\": \"CN-31\", \"signedUpAt\": \"2026-04-01T10:00:00Z\"");
        Api.contact("r2", "\"signedUpAt\": \"2026-04-01T23:00:00Z\"");
        Api.contact("r3", "\"region\": \"CN-31\", \"signedUpAt\": \"2026-04-01T05:00:00Z\"");
        Api.contact("r4", "\"signedUpAt\": \"2026-04-02T08:00:00Z\"");
        Api.contact("r5", "\"signedUpAt\": \"2026-04-15T08:00:00Z\"");
        Api.send(open("r1", "2026-04-02T09:00:00Z"), open("r1", "2026-04-08T09:00:00Z"),
                open("r2", "2026-04-02T20:00:00Z"),
                open("r3", "2026-04-05T09:00:00Z"), open("r3", "2026-04-10T09:00:00Z"),
                open("r4", "2026-04-03T09:00:00Z"), open("r4", "2026-04-09T09:00:00Z"),
                open("r5", "2026-04-16T09:00:00Z"));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static String open(String who, String at) {
        return Api.event(who, "app_open", Instant.parse(at));
    }

    private static String step(String who, String type, String at) {
        return Api.event(java.util.UUID.randomUUID().toString(), who, type, Instant.parse(at), type.equals("purchase") ? "10" : null);
    }

    @Test
    void boundedRetentionByCohortDay() {
        operator().get("/api/push/analytics/retention?from=2026-04-01&to=2026-04-15&zone=UTC").then().statusCode(200)
                .body("mode", equalTo("bounded"))
                .body("days", contains(1, 7, 30))
                .body("cohorts.cohort", contains("2026-04-01", "2026-04-02", "2026-04-15"))
                .body("cohorts[0].size", equalTo(3))
                .body("cohorts[0].retained.count", contains(2, 1, null))
                .body("cohorts[0].retained[0].rate", equalTo(0.6667f))
                .body("cohorts[1].retained.count", contains(1, 1, null))
                .body("cohorts[2].retained.count", contains(1, null, null))
                .body("overall.count", contains(4, 2, null))
                .body("overall.rate", contains(0.8f, 0.5f, null));
    }

    @Test
    void unboundedRetentionCountsDayNOrLater() {
        operator().get("/api/push/analytics/retention?from=2026-04-01&to=2026-04-02&zone=UTC&mode=unbounded&days=1,7").then().statusCode(200)
                .body("cohorts[0].retained.count", contains(3, 2))
                .body("cohorts[1].retained.count", contains(1, 1))
                .body("overall.rate", contains(1.0f, 0.75f));
    }

    @Test
    void cohortsFollowTheChosenZoneAndCanBeOneSegment() {
        // 2026-04-01 23:00 UTC is already 04-02 in Shanghai
        operator().get("/api/push/analytics/retention?from=2026-04-01&to=2026-04-01&zone=Asia/Shanghai").then().statusCode(200)
                .body("cohorts[0].size", equalTo(2));
        operator().body("{\"key\": \"sh\", \"name\": \"sh\", \"materialised\": true, \"rule\": {\"attribute\": \"region\", \"op\": \"eq\", \"value\": \"CN-31\"}}")
                .post("/api/push/segments").then().statusCode(201);
        operator().post("/api/push/segments/sh/refresh").then().statusCode(200);
        operator().get("/api/push/analytics/retention?from=2026-04-01&to=2026-04-01&zone=UTC&segment=sh").then().statusCode(200)
                .body("segment", equalTo("sh"))
                .body("cohorts[0].size", equalTo(2))
                .body("cohorts[0].retained.count", contains(1, 1, null));
    }

    @Test
    void activeUsersPerDayWeekAndMonthSurviveADeletion() {
        operator().delete("/api/push/contacts/r2").then().statusCode(204);
        operator().get("/api/push/analytics/active?from=2026-04-01&to=2026-04-10&zone=UTC").then().statusCode(200)
                .body("days.size()", equalTo(10))
                .body("days[0].dau", equalTo(0))
                .body("days[1].dau", equalTo(2))
                .body("days.find { it.day == '2026-04-08' }.wau", equalTo(4))
                .body("days.find { it.day == '2026-04-10' }.dau", equalTo(1))
                .body("days.find { it.day == '2026-04-10' }.mau", equalTo(4));
    }

    @Test
    void anOrderedFunnelWithAConversionWindow() {
        Api.contact("f1", "");
        Api.contact("f2", "");
        Api.contact("f3", "");
        Api.contact("f4", "");
        Api.contact("f5", "");
        Api.send(step("f1", "view", "2026-04-03T10:00:00Z"), step("f1", "add_to_cart", "2026-04-03T11:00:00Z"), step("f1", "purchase", "2026-04-03T12:00:00Z"),
                step("f2", "view", "2026-04-03T10:00:00Z"), step("f2", "add_to_cart", "2026-04-03T09:00:00Z"),
                step("f2", "add_to_cart", "2026-04-03T15:00:00Z"), step("f2", "purchase", "2026-04-05T09:00:00Z"),
                step("f3", "view", "2026-04-04T10:00:00Z"), step("f3", "purchase", "2026-04-04T11:00:00Z"),
                step("f4", "add_to_cart", "2026-04-04T10:00:00Z"),
                step("f5", "view", "2026-04-04T10:00:00Z"), step("f5", "purchase", "2026-04-04T11:00:00Z"), step("f5", "add_to_cart", "2026-04-04T12:00:00Z"));
        String query = "{\"steps\": [{\"event\": \"view\"}, {\"event\": \"add_to_cart\"}, {\"event\": \"purchase\"}], "
                + "\"from\": \"2026-04-01T00:00:00Z\", \"to\": \"2026-04-20T00:00:00Z\", \"windowHours\": %d}";
        operator().body(query.formatted(24)).post("/api/push/analytics/funnels").then().statusCode(200)
                .body("steps.contacts", contains(4, 3, 1))
                .body("steps.fromStart", contains(1.0f, 0.75f, 0.25f))
                .body("steps.fromPrevious", contains(1.0f, 0.75f, 0.3333f))
                .body("overallConversion", equalTo(0.25f));
        operator().body(query.formatted(72)).post("/api/push/analytics/funnels").then().statusCode(200)
                .body("steps.contacts", contains(4, 3, 2));
    }

    @Test
    void badQueriesAreNamed() {
        operator().get("/api/push/analytics/retention?days=0").then().statusCode(400).body("errors[0].field", equalTo("days"));
        operator().get("/api/push/analytics/retention?mode=sometimes").then().statusCode(400).body("errors[0].field", equalTo("mode"));
        operator().get("/api/push/analytics/retention?zone=Moon/Base").then().statusCode(400).body("errors[0].field", equalTo("zone"));
        operator().get("/api/push/analytics/retention?segment=nope").then().statusCode(400).body("errors[0].field", equalTo("segment"));
        operator().get("/api/push/analytics/active?from=2026-04-10&to=2026-04-01").then().statusCode(400).body("errors[0].field", equalTo("from"));
        operator().get("/api/push/analytics/active?from=yesterday").then().statusCode(400).body("errors[0].field", equalTo("from"));
        operator().body("{\"steps\": [{\"event\": \"view\"}], \"from\": \"2026-04-01T00:00:00Z\", \"to\": \"2026-04-20T00:00:00Z\", \"windowHours\": 24}")
                .post("/api/push/analytics/funnels").then().statusCode(400).body("errors[0].field", equalTo("steps"));
        operator().body("{\"steps\": [{\"event\": \"view\"}, {\"event\": \"Buy!\"}], \"from\": \"2026-04-01T00:00:00Z\", \"to\": \"2026-03-20T00:00:00Z\", \"windowHours\": 24}")
                .post("/api/push/analytics/funnels").then().statusCode(400).body("errors[0].field", equalTo("steps[1].event"));
        Api.as(TestTokens.appUser("r1")).get("/api/push/analytics/active").then().statusCode(403);
        operator().get("/api/push/analytics/active").then().statusCode(200).body("zone", equalTo("Asia/Shanghai")).body("days.size()", equalTo(30));
        operator().get("/api/push/analytics/retention").then().statusCode(200).body("overall[0].day", equalTo(1));
    }
}
