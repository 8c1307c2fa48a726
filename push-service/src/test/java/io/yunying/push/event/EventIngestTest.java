package io.yunying.push.event;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.yunying.push.support.Api;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.Sql;
import io.yunying.testsupport.TestClock;
import io.yunying.testsupport.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.yunying.push.support.Api.event;
import static io.yunying.push.support.Api.operator;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class EventIngestTest {

    private static final Instant NOW = Instant.parse("2026-05-10T12:00:00Z");

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void repeatedEventIdsAreIgnoredInABatchAndAcrossBatches() {
        clock.set(NOW);
        Api.contact("e-dup", "");
        String batch = "{\"events\": [" + event("dup-1", "e-dup", "app_open", NOW.minusSeconds(60), null) + ","
                + event("dup-2", "e-dup", "purchase", NOW.minusSeconds(30), "12.50") + ","
                + event("dup-1", "e-dup", "app_open", NOW.minusSeconds(60), null) + "]}";
        operator().body(batch).post("/api/push/events").then().statusCode(200)
                .body("accepted", equalTo(2)).body("duplicates", equalTo(1)).body("rejected.size()", equalTo(0));
        operator().body(batch).post("/api/push/events").then().statusCode(200)
                .body("accepted", equalTo(0)).body("duplicates", equalTo(3));
        assertEquals(2, Sql.count("select count(*) from event where event_id in ('dup-1', 'dup-2')"));
        assertEquals("12.50", Sql.string("select amount::text from event where event_id = 'dup-2'"));
        assertEquals(NOW.minusSeconds(30).toString(),
                Sql.string("select to_char(last_seen_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') from contact where external_id = 'e-dup'"));
    }

    @Test
    void invalidEventsAreRefusedOneByOneAndTheRestStored() {
        clock.set(NOW);
        Api.contact("e-mixed", "");
        String batch = "{\"events\": [" + event("mix-ok", "e-mixed", "view", NOW, null) + ","
                + event("mix-unknown", "nobody-here", "view", NOW, null) + ","
                + event("mix-noamount", "e-mixed", "purchase", NOW, null) + ","
                + event("mix-type", "e-mixed", "Bad Type", NOW, null) + ","
                + event("mix-future", "e-mixed", "view", NOW.plus(Duration.ofDays(1)), null) + ","
                + event("mix-negative", "e-mixed", "purchase", NOW, "-3") + ","
                + "{\"externalId\": \"e-mixed\", \"type\": \"view\", \"occurredAt\": \"" + NOW + "\"}]}";
        operator().body(batch).post("/api/push/events").then().statusCode(200)
                .body("accepted", equalTo(1))
                .body("rejected.field", contains("events[1].externalId", "events[2].amount", "events[3].type",
                        "events[4].occurredAt", "events[5].amount", "events[6].eventId"));
        assertEquals(1, Sql.count("select count(*) from event where event_id like 'mix-%'"));
        operator().body("{\"events\": []}").post("/api/push/events").then().statusCode(400).body("errors[0].field", equalTo("events"));
    }

    @Test
    void anAppUserSendsOnlyItsOwnEventsAndCannotUseTheServiceEndpoint() {
        clock.set(NOW);
        Api.contact("e-self", "");
        Api.contact("e-victim", "");
        Api.as(TestTokens.appUser("e-self"))
                .body("{\"events\": [{\"eventId\": \"self-1\", \"type\": \"app_open\", \"occurredAt\": \"" + NOW + "\"},"
                        + event("self-2", "e-victim", "app_open", NOW, null) + "]}")
                .post("/api/push/me/events").then().statusCode(200)
                .body("accepted", equalTo(1)).body("rejected[0].field", equalTo("events[1].externalId"));
        assertEquals(0, Sql.count("select count(*) from event e join contact c on c.id = e.contact_id where c.external_id = 'e-victim'"));
        Api.as(TestTokens.appUser("e-self")).body("{\"events\": [" + event("self-3", "e-self", "view", NOW, null) + "]}")
                .post("/api/push/events").then().statusCode(403);
        Api.as(TestTokens.service()).body("{\"events\": [" + event("svc-1", "e-self", "view", NOW, null) + "]}")
                .post("/api/push/events").then().statusCode(200).body("accepted", equalTo(1));
    }

    @Test
    void rawEventsPastRetentionArePurgedButLastSeenStays() {
        clock.set(NOW);
        Api.contact("e-old", "");
        Api.send(event("old-1", "e-old", "app_open", NOW, null));
        clock.set(NOW.plus(Duration.ofDays(401)));
        Api.as(TestTokens.operator()).post("/api/push/events/purge").then().statusCode(403);
        Api.as(TestTokens.admin()).post("/api/push/events/purge").then().statusCode(200);
        assertEquals(0, Sql.count("select count(*) from event where event_id = 'old-1'"));
        assertEquals(1, Sql.count("select count(*) from contact where external_id = 'e-old' and last_seen_at is not null"));
        operator().body("{\"events\": [" + event("old-2", "e-old", "view", NOW, null) + "]}").post("/api/push/events")
                .then().statusCode(200).body("rejected[0].field", equalTo("events[0].occurredAt"));
    }
}
