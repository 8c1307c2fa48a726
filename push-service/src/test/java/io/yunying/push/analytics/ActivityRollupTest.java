package io.yunying.push.analytics;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.yunying.push.support.Api;
import io.yunying.push.support.Db;
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

import static io.yunying.push.support.Api.event;
import static io.yunying.push.support.Api.operator;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The daily activity rollup (contact_day) that DAU/WAU/MAU and retention read. Times UTC, today 2026-04-20. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class ActivityRollupTest {

    static final Instant NOW = Instant.parse("2026-04-20T12:00:00Z");

    @Inject
    TestClock clock;

    @BeforeEach
    void data() {
        Db.clearAudience();
        clock.set(NOW);
        Api.contact("k1", "\"signedUpAt\": \"2026-04-01T10:00:00Z\"");
        Api.contact("k2", "\"signedUpAt\": \"2026-04-01T11:00:00Z\"");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static String day(String who) {
        return "select events || ' ' || to_char(first_at at time zone 'UTC', 'HH24:MI') || ' ' || to_char(last_at at time zone 'UTC', 'HH24:MI')"
                + " from contact_day d join contact c on c.id = d.contact_id where c.external_id = '" + who + "' and d.day = '2026-04-02'";
    }

    @Test
    void aRepeatedEventCountsOnceAndALateOneWidensItsDay() {
        String first = event("ev-1", "k1", "app_open", Instant.parse("2026-04-02T09:00:00Z"), null);
        Api.send(first);
        operator().body("{\"events\": [" + first + "]}").post("/api/push/events").then().statusCode(200)
                .body("accepted", equalTo(0)).body("duplicates", equalTo(1));
        assertEquals("1 09:00 09:00", Sql.string(day("k1")));
        // a batch with a repeated id and two new events, one of them earlier that day
        Api.send(first, event("ev-2", "k1", "view", Instant.parse("2026-04-02T07:30:00Z"), null),
                event("ev-3", "k1", "view", Instant.parse("2026-04-02T21:15:00Z"), null));
        assertEquals("3 07:30 21:15", Sql.string(day("k1")));
        // a late event for a day long past still lands on its own day
        Api.send(event("ev-4", "k1", "app_open", Instant.parse("2026-04-08T10:00:00Z"), null));
        assertEquals(2, Sql.count("select count(*) from contact_day d join contact c on c.id = d.contact_id where c.external_id = 'k1'"));
        assertEquals(4, Sql.count("select sum(events) from contact_day"));
        operator().get("/api/push/analytics/retention?from=2026-04-01&to=2026-04-01&zone=UTC").then().statusCode(200)
                .body("cohorts[0].retained.count", contains(1, 1, null));
    }

    @Test
    void localDaysInAnyZoneComeFromTheFirstAndLastEventOfEachUtcDay() {
        // 15:30 UTC is 23:30 in Shanghai, 16:30 UTC is already the next day there
        Api.send(event("k2", "app_open", Instant.parse("2026-04-02T15:30:00Z")), event("k2", "app_open", Instant.parse("2026-04-02T16:30:00Z")));
        operator().get("/api/push/analytics/active?from=2026-04-02&to=2026-04-03&zone=UTC").then().statusCode(200)
                .body("days.dau", contains(1, 0));
        operator().get("/api/push/analytics/active?from=2026-04-02&to=2026-04-03&zone=Asia/Shanghai").then().statusCode(200)
                .body("days.dau", contains(1, 1))
                .body("days.wau", contains(1, 1));
        // New York is behind UTC: both events fall on 04-02 there
        operator().get("/api/push/analytics/active?from=2026-04-01&to=2026-04-03&zone=America/New_York").then().statusCode(200)
                .body("days.dau", contains(0, 1, 0));
        // k2 signed up 04-01 19:00 Shanghai time; its day 1 there is 04-02, day 2 is 04-03
        operator().get("/api/push/analytics/retention?from=2026-04-01&to=2026-04-01&zone=Asia/Shanghai&days=1,2").then().statusCode(200)
                .body("cohorts[0].retained.count", contains(1, 1));
    }

    @Test
    void thePurgeOfRawEventsKeepsTheNumbers() {
        Api.send(event("k1", "app_open", Instant.parse("2026-04-02T09:00:00Z")), event("k2", "app_open", Instant.parse("2026-04-08T09:00:00Z")));
        String retention = "/api/push/analytics/retention?from=2026-04-01&to=2026-04-01&zone=UTC";
        operator().get(retention).then().statusCode(200).body("cohorts[0].retained.count", contains(1, 1, null));
        clock.set(NOW.plus(Duration.ofDays(401)));
        Api.as(TestTokens.admin()).post("/api/push/events/purge").then().statusCode(200).body("deleted", equalTo(2));
        assertEquals(0, Sql.count("select count(*) from event"));
        operator().get(retention).then().statusCode(200)
                .body("cohorts[0].size", equalTo(2))
                .body("cohorts[0].retained.count", contains(1, 1, 0));
        operator().get("/api/push/analytics/active?from=2026-04-02&to=2026-04-08&zone=UTC").then().statusCode(200)
                .body("days[0].dau", equalTo(1))
                .body("days[6].wau", equalTo(2));
    }

    @Test
    void aDeletionKeepsTheAggregatesButNotThePerson() {
        Api.send(event("k1", "app_open", Instant.parse("2026-04-02T09:00:00Z")), event("k2", "app_open", Instant.parse("2026-04-02T10:00:00Z")));
        operator().delete("/api/push/contacts/k1").then().statusCode(204);
        // the rollup row stays, pointing at the anonymous tombstone only
        assertEquals(2, Sql.count("select count(*) from contact_day where day = '2026-04-02'"));
        assertEquals(1, Sql.count("select count(*) from contact_day d join contact c on c.id = d.contact_id "
                + "where c.erased_at is not null and c.external_id is null and c.region is null and c.attributes = '{}'"));
        operator().get("/api/push/analytics/active?from=2026-04-02&to=2026-04-02&zone=UTC").then().statusCode(200)
                .body("days[0].dau", equalTo(2));
        operator().get("/api/push/analytics/retention?from=2026-04-01&to=2026-04-01&zone=UTC&days=1").then().statusCode(200)
                .body("cohorts[0].retained.count", contains(2));
    }
}
