package io.yunying.push.lifecycle;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.yunying.push.support.Api;
import io.yunying.push.support.Db;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.Sql;
import io.yunying.testsupport.TestClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.yunying.push.support.Api.operator;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class LifecycleTest {

    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    @Inject
    TestClock clock;

    @BeforeEach
    void clean() {
        Db.clearAudience();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private void at(int day) {
        clock.set(T0.plus(Duration.ofDays(day)));
    }

    private static String stage(String who) {
        return Sql.string("select l.stage from contact_lifecycle l join contact c on c.id = l.contact_id where c.external_id = ?", who);
    }

    private static void recompute() {
        operator().post("/api/push/lifecycle/recompute").then().statusCode(200);
    }

    @Test
    void aContactWalksThroughEveryStageAsTheClockMoves() {
        at(0);
        Api.contact("walker", "");
        Api.send(Api.event("walker", "app_open", T0));
        recompute();
        assertEquals("new", stage("walker"));
        at(6);
        recompute();
        assertEquals("new", stage("walker"));
        at(8);
        recompute();
        assertEquals("silent", stage("walker"));
        at(15);
        recompute();
        assertEquals("at_risk", stage("walker"));
        at(31);
        recompute();
        assertEquals("churned", stage("walker"));
        Api.send(Api.event("walker", "app_open", T0.plus(Duration.ofDays(31))));
        recompute();
        assertEquals("resurrected", stage("walker"));
        at(36);
        Api.send(Api.event("walker", "view", T0.plus(Duration.ofDays(36))));
        recompute();
        assertEquals("resurrected", stage("walker"));
        at(39);
        recompute();
        assertEquals("active", stage("walker"));

        operator().get("/api/push/contacts/walker/stage-changes").then().statusCode(200)
                .body("to", contains("new", "silent", "at_risk", "churned", "resurrected", "active"))
                .body("[0].from", equalTo(null))
                .body("[4].from", equalTo("churned"));
        assertEquals(6, Sql.count("select count(*) from outbox where type = 'contact.stage-changed' and data ->> 'externalId' = 'walker'"));
        assertEquals(1, Sql.count("select count(*) from outbox where data ->> 'from' = 'at_risk' and data ->> 'to' = 'churned' and source = 'push-service' and published_at is null"));
    }

    @Test
    void recomputingWithoutChangeRecordsNothing() {
        at(0);
        Api.contact("still", "");
        recompute();
        long outbox = Sql.count("select count(*) from outbox");
        operator().post("/api/push/lifecycle/recompute").then().statusCode(200).body("changed", equalTo(0)).body("stages.new", equalTo(1));
        assertEquals(outbox, Sql.count("select count(*) from outbox"));
        assertEquals(1, Sql.count("select count(*) from stage_change"));
    }

    @Test
    void aDropAgainstTheContactsOwnBaselineIsAtRisk() {
        at(40);
        Api.contact("dropper", "\"signedUpAt\": \"" + T0 + "\"");
        Api.contact("steady", "\"signedUpAt\": \"" + T0 + "\"");
        List<String> events = new ArrayList<>();
        for (int day = 8; day < 36; day++) {
            // five events a week in the four weeks before the last seven days
            if (day % 7 < 5) {
                events.add(Api.event("dropper", "app_open", T0.plus(Duration.ofDays(40 - day))));
                events.add(Api.event("steady", "app_open", T0.plus(Duration.ofDays(40 - day))));
            }
        }
        events.add(Api.event("dropper", "app_open", T0.plus(Duration.ofDays(39))));
        for (int day = 0; day < 5; day++) {
            events.add(Api.event("steady", "app_open", T0.plus(Duration.ofDays(39 - day))));
        }
        Api.send(events.toArray(String[]::new));
        recompute();
        assertEquals("at_risk", stage("dropper"));
        assertEquals("active", stage("steady"));
        operator().get("/api/push/lifecycle/stages").then().statusCode(200)
                .body("at_risk", equalTo(1)).body("active", equalTo(1)).body("churned", equalTo(0));
        operator().body("{\"rule\": {\"attribute\": \"lifecycle.stage\", \"op\": \"in\", \"value\": [\"at_risk\", \"churned\"]}}")
                .post("/api/push/segments/preview").then().statusCode(200).body("count", equalTo(1));
    }

    @Test
    void theLinesAreReadable() {
        operator().get("/api/push/lifecycle/lines").then().statusCode(200)
                .body("silentAfterDays", equalTo(7)).body("atRiskAfterDays", equalTo(14)).body("churnedAfterDays", equalTo(30));
    }
}
