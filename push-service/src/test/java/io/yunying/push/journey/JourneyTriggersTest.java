package io.yunying.push.journey;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.yunying.push.support.Api;
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
import java.util.UUID;

import static io.yunying.push.journey.Journeys.activeJourney;
import static io.yunying.push.journey.Journeys.deliveries;
import static io.yunying.push.journey.Journeys.entries;
import static io.yunying.push.journey.Journeys.run;
import static io.yunying.push.journey.Journeys.stepId;
import static io.yunying.push.support.Api.operator;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class JourneyTriggersTest {

    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    @Inject
    TestClock clock;

    @BeforeEach
    void clean() {
        Journeys.clear();
        clock.set(T0);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aContactTurningAtRiskInTheLifecycleRecomputeGetsTheRecallPush() {
        Journeys.template("recall-push", "PUSH");
        Api.contact("fading", "");
        Api.contact("loyal", "");
        Api.send(Api.event("fading", "app_open", T0), Api.event("loyal", "app_open", T0));
        operator().post("/api/push/lifecycle/recompute").then().statusCode(200);
        String journey = activeJourney("""
                {"key": "recall", "name": "Recall the fading", "trigger": {"type": "stage_changed", "to": ["at_risk"]},
                 "exits": [{"stage": ["active", "resurrected"]}],
                 "steps": [{"key": "recall", "type": "send", "template": "recall-push"}]}""");
        run().body("entered", equalTo(0));

        clock.set(T0.plus(Duration.ofDays(15)));
        Api.send(Api.event("loyal", "app_open", T0.plus(Duration.ofDays(15))));
        operator().post("/api/push/lifecycle/recompute").then().statusCode(200);
        run().body("entered", equalTo(1)).body("deliveries", equalTo(1));

        assertEquals("fading", Sql.string("select c.external_id from journey_entry e join contact c on c.id = e.contact_id where e.journey_id = ?::uuid", journey));
        assertEquals("at_risk", Sql.string("select context ->> 'to' from journey_entry where journey_id = ?::uuid", journey));
        assertEquals(1, Sql.count("select count(*) from delivery where source_id = ?::uuid and status = 'PENDING'", stepId(journey, "recall")));

        // the same stage changes read again after a restart: the cursor has moved past them
        run().body("entered", equalTo(0));
        assertEquals(1, entries(journey));
    }

    @Test
    void renewalRemindersFollowTheExpiryBucketsInTheContactsOwnDays() {
        Journeys.template("renew-push", "PUSH");
        Journeys.template("renew-sms", "SMS");
        // expires 2026-03-11 00:30 in Shanghai, which is still 2026-03-10 in UTC
        Api.contact("member-sh", "\"timeZone\": \"Asia/Shanghai\", \"membershipTier\": \"gold\", \"membershipExpiresAt\": \"2026-03-10T16:30:00Z\"");
        Api.contact("member-far", "\"timeZone\": \"UTC\", \"membershipTier\": \"gold\", \"membershipExpiresAt\": \"2026-04-30T00:00:00Z\"");
        String journey = activeJourney("""
                {"key": "renewal", "name": "Renewal by bucket", "goalEvent": "renew",
                 "trigger": {"type": "membership_expiring", "daysBefore": [7, 3, 1]},
                 "steps": [{"key": "last-call", "type": "condition", "context": {"field": "daysBefore", "in": [1]}, "yes": "sms", "no": "push"},
                           {"key": "push", "type": "send", "template": "renew-push"},
                           {"key": "sms", "type": "send", "template": "renew-sms"}]}""");

        // 2026-03-03 23:00 in Shanghai: 8 local days left (7 by UTC dates): not yet
        clock.set(Instant.parse("2026-03-03T15:00:00Z"));
        run().body("entered", equalTo(0));
        // past local midnight: 7 days left
        clock.set(Instant.parse("2026-03-03T17:00:00Z"));
        run().body("entered", equalTo(1));
        run().body("entered", equalTo(0));
        assertEquals("7", Sql.string("select context ->> 'daysBefore' from journey_entry where journey_id = ?::uuid", journey));

        // 5 days left: still the 7-day bucket, already entered
        clock.set(Instant.parse("2026-03-05T17:00:00Z"));
        run().body("entered", equalTo(0));
        // 3 days left, then 1 day left
        clock.set(Instant.parse("2026-03-07T17:00:00Z"));
        run().body("entered", equalTo(1));
        clock.set(Instant.parse("2026-03-09T17:00:00Z"));
        run().body("entered", equalTo(1));

        assertEquals(3, entries(journey));
        assertEquals(2, Sql.count("select count(*) from delivery where source_id = ?::uuid", stepId(journey, "push")));
        assertEquals(1, Sql.count("select count(*) from delivery where source_id = ?::uuid", stepId(journey, "sms")));
        assertEquals(0, Sql.count("""
                select count(*) from journey_entry e join contact c on c.id = e.contact_id where c.external_id = 'member-far'"""));
    }

    @Test
    void publishedNewsReachesTheSegmentOncePerPiece() {
        Journeys.template("newsletter", "EMAIL");
        Api.contact("reader-1", "\"region\": \"CN-31\"");
        Api.contact("reader-2", "\"region\": \"CN-31\"");
        Api.contact("elsewhere", "\"region\": \"CN-11\"");
        operator().body("{\"key\": \"sh-readers\", \"name\": \"Shanghai readers\", \"materialised\": true, "
                + "\"rule\": {\"attribute\": \"region\", \"op\": \"eq\", \"value\": \"CN-31\"}}").post("/api/push/segments").then().statusCode(201);
        operator().post("/api/push/segments/sh-readers/refresh").then().statusCode(200);
        String journey = activeJourney("""
                {"key": "news", "name": "Newsletter on publish", "audienceSegment": "sh-readers",
                 "trigger": {"type": "content_published", "categories": ["news"]},
                 "steps": [{"key": "mail", "type": "send", "template": "newsletter"}]}""");

        String piece = UUID.randomUUID().toString();
        String published = published(UUID.randomUUID(), piece, "news");
        Api.as(TestTokens.service()).body("[" + published + ", " + published(UUID.randomUUID(), UUID.randomUUID().toString(), "sports")
                        + ", {\"id\": \"" + UUID.randomUUID() + "\", \"type\": \"content.unpublished\", \"occurredAt\": \"" + T0
                        + "\", \"source\": \"content-service\", \"data\": {\"id\": \"" + piece + "\"}}]")
                .post("/api/push/inbound-events").then().statusCode(202)
                .body("received", equalTo(3)).body("accepted", equalTo(2)).body("ignored", equalTo(1));
        run().body("entered", equalTo(2)).body("deliveries", equalTo(2));

        // the relay delivers the same event again, and content-service publishes a new revision of the piece
        Api.as(TestTokens.service()).body("[" + published + ", " + published(UUID.randomUUID(), piece, "news") + "]")
                .post("/api/push/inbound-events").then().statusCode(202).body("duplicates", equalTo(1)).body("accepted", equalTo(1));
        run().body("entered", equalTo(0));

        // another piece is another newsletter
        Api.as(TestTokens.service()).body("[" + published(UUID.randomUUID(), UUID.randomUUID().toString(), "news") + "]")
                .post("/api/push/inbound-events").then().statusCode(202);
        run().body("entered", equalTo(2));

        assertEquals(4, deliveries(journey));
        assertEquals(0, Sql.count("select count(*) from delivery d join contact c on c.id = d.contact_id where c.external_id = 'elsewhere'"));
        assertEquals("news", Sql.string("select distinct context ->> 'category' from journey_entry where journey_id = ?::uuid", journey));
    }

    @Test
    void twoEnginesAtOnceCreateNothingTwice() throws Exception {
        Journeys.template("welcome-push", "PUSH");
        String journey = activeJourney("""
                {"key": "hello", "name": "Hello", "trigger": {"type": "event", "event": "signup"},
                 "steps": [{"key": "hi", "type": "send", "template": "welcome-push", "next": "soon"},
                           {"key": "soon", "type": "wait", "delay": "PT1H", "next": "again"},
                           {"key": "again", "type": "send", "template": "welcome-push"}]}""");
        int n = 60;
        String[] events = new String[n];
        for (int i = 0; i < n; i++) {
            Api.contact("c" + i, "");
            events[i] = Api.event("signup-" + i, "c" + i, "signup", T0, null);
        }
        Api.send(events);

        runTogether();
        clock.set(T0.plus(Duration.ofHours(2)));
        runTogether();

        assertEquals(n, entries(journey));
        assertEquals(2L * n, deliveries(journey));
        assertEquals(2L * n, Sql.count("select count(distinct (source_id, occurrence, contact_id)) from delivery where source_kind = 'JOURNEY'"));
        assertEquals(n, Sql.count("select count(*) from journey_entry where journey_id = ?::uuid and state = 'COMPLETED'", journey));
    }

    private static void runTogether() throws Exception {
        Thread[] threads = new Thread[3];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> operator().post("/api/push/journeys/run").then().statusCode(200));
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private static String published(UUID eventId, String contentId, String category) {
        return "{\"id\": \"" + eventId + "\", \"type\": \"content.published\", \"occurredAt\": \"" + T0
                + "\", \"source\": \"content-service\", \"data\": {\"id\": \"" + contentId + "\", \"title\": \"Spring issue\", \"category\": \""
                + category + "\", \"tags\": [\"spring\"]}}";
    }
}
