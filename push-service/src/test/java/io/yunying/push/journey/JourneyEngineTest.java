package io.yunying.push.journey;

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

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

import static io.yunying.push.journey.Journeys.activeJourney;
import static io.yunying.push.journey.Journeys.deliveries;
import static io.yunying.push.journey.Journeys.entries;
import static io.yunying.push.journey.Journeys.run;
import static io.yunying.push.journey.Journeys.stepId;
import static io.yunying.push.support.Api.operator;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class JourneyEngineTest {

    static final Instant T0 = Instant.parse("2026-05-04T02:00:00Z");

    /** signup → welcome push (in-app as fallback) → a day → bought? done : offer by email. */
    static final String WELCOME = """
            {"key": "welcome", "name": "Welcome series",
             "trigger": {"type": "event", "event": "signup"},
             "steps": [
               {"key": "hello", "type": "send", "template": "welcome-push", "fallback": ["IN_APP"], "next": "a-day"},
               {"key": "a-day", "type": "wait", "delay": "P1D", "next": "bought"},
               {"key": "bought", "type": "condition", "performed": "purchase", "no": "offer"},
               {"key": "offer", "type": "send", "template": "welcome-offer"}]}""";

    @Inject
    TestClock clock;

    @BeforeEach
    void clean() {
        Journeys.clear();
        clock.set(T0);
        Journeys.template("welcome-push", "PUSH");
        Journeys.template("welcome-offer", "EMAIL");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aSignupEntersOnceAndGetsTheFirstMessageDueAtOnce() {
        Api.contact("ada", "");
        String journey = activeJourney(WELCOME);
        Api.send(Api.event("signup-ada", "ada", "signup", T0, null));

        run().body("entered", equalTo(1)).body("deliveries", equalTo(1));

        assertEquals(1, entries(journey));
        String entry = Sql.string("select id::text from journey_entry where journey_id = ?::uuid", journey);
        assertEquals("a-day", Sql.string("select step from journey_entry where id = ?::bigint", entry));
        assertEquals(T0.plus(Duration.ofDays(1)).toString(),
                Sql.string("select to_char(due_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') from journey_entry where id = ?::bigint", entry));
        assertEquals("PENDING|PUSH|{IN_APP}|" + T0, Sql.string("""
                select d.status || '|' || d.channel || '|' || d.fallback::text || '|' || to_char(d.due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                  from delivery d join template t on t.id = d.template_id
                 where d.source_kind = 'JOURNEY' and d.source_id = ?::uuid and d.occurrence = ? and t.key = 'welcome-push'""",
                stepId(journey, "hello"), entry));

        // the same event again, another signup of the same contact, and another run: nothing new
        Api.send(Api.event("signup-ada", "ada", "signup", T0, null));
        Api.send(Api.event("signup-ada-2", "ada", "signup", T0, null));
        run().body("entered", equalTo(0)).body("deliveries", equalTo(0));
        assertEquals(1, entries(journey));
        assertEquals(1, deliveries(journey));
    }

    @Test
    void waitsHoldUntilTheClockPassesThemThenTheBranchDecides() {
        Api.contact("buyer", "");
        Api.contact("browser", "");
        String journey = activeJourney(WELCOME);
        Api.send(Api.event("s-buyer", "buyer", "signup", T0, null), Api.event("s-browser", "browser", "signup", T0, null));
        run().body("entered", equalTo(2));

        clock.set(T0.plus(Duration.ofHours(23)));
        Api.send(Api.event("p-buyer", "buyer", "purchase", T0.plus(Duration.ofHours(2)), "30"));
        run().body("moved", equalTo(0)).body("deliveries", equalTo(0));
        assertEquals(2, deliveries(journey));

        clock.set(T0.plus(Duration.ofHours(25)));
        run().body("deliveries", equalTo(1)).body("completed", equalTo(2));

        assertEquals("welcome-offer", Sql.string("""
                select t.key from delivery d join template t on t.id = d.template_id join contact c on c.id = d.contact_id
                 where c.external_id = 'browser' and d.source_id = ?::uuid""", stepId(journey, "offer")));
        assertEquals(0, Sql.count("""
                select count(*) from delivery d join contact c on c.id = d.contact_id
                 where c.external_id = 'buyer' and d.source_id = ?::uuid""", stepId(journey, "offer")));
        assertEquals("yes", Sql.string("""
                select s.outcome from journey_entry_step s join journey_entry e on e.id = s.entry_id join contact c on c.id = e.contact_id
                 where c.external_id = 'buyer' and s.step = 'bought'"""));
        assertEquals(2, Sql.count("select count(*) from journey_entry where journey_id = ?::uuid and state = 'COMPLETED'", journey));

        // the welcome push went out to both and the browser opened it
        Db.exec("update delivery set status = 'SENT', sent_at = '" + T0.plus(Duration.ofMinutes(1)) + "' where source_id = '" + stepId(journey, "hello") + "'");
        Db.exec("insert into delivery_event (delivery_id, type, at) select d.id, 'OPENED', d.sent_at from delivery d join contact c on c.id = d.contact_id "
                + "where c.external_id = 'browser' and d.source_id = '" + stepId(journey, "hello") + "'");
        operator().get("/api/push/reports/journeys/welcome").then().statusCode(200)
                .body("entered", equalTo(2)).body("active", equalTo(0)).body("completed", equalTo(2))
                .body("converted", nullValue())
                .body("steps.key", contains("hello", "a-day", "bought", "offer"))
                .body("steps.reached", contains(2, 2, 2, 1))
                .body("steps[0].sent", equalTo(2)).body("steps[0].opened", equalTo(1)).body("steps[0].deliveries.SENT", equalTo(2))
                .body("steps[2].yes", equalTo(1)).body("steps[2].no", equalTo(1)).body("steps[1].yes", nullValue())
                .body("steps[3].deliveries.PENDING", equalTo(1)).body("steps[3].sent", equalTo(0));
    }

    @Test
    void performingTheGoalEndsTheEntryBeforeTheNextMessage() {
        Api.contact("quick", "");
        String journey = activeJourney("""
                {"key": "nudge", "name": "Nudge to buy", "goalEvent": "purchase",
                 "trigger": {"type": "event", "event": "add_to_cart"},
                 "steps": [{"key": "later", "type": "wait", "delay": "PT1H", "next": "remind"},
                           {"key": "remind", "type": "send", "template": "welcome-push"}]}""");
        Api.send(Api.event("cart-1", "quick", "add_to_cart", T0, null));
        run().body("entered", equalTo(1));
        Api.send(Api.event("buy-1", "quick", "purchase", T0.plus(Duration.ofMinutes(5)), "12"));

        clock.set(T0.plus(Duration.ofHours(2)));
        run().body("exited", equalTo(1)).body("deliveries", equalTo(0));

        assertEquals("EXITED|goal", Sql.string("select state || '|' || exit_reason from journey_entry where journey_id = ?::uuid", journey));
        assertEquals(0, deliveries(journey));
        operator().get("/api/push/reports/journeys/" + journey).then().statusCode(200)
                .body("entered", equalTo(1)).body("exited.goal", equalTo(1)).body("converted", equalTo(1))
                .body("conversionRate", equalTo(1.0f)).body("steps[0].reached", equalTo(1)).body("steps[1].reached", equalTo(0));
    }

    @Test
    void aPausedJourneyHoldsItsEntriesAndTakesNobodyNew() {
        Api.contact("early", "");
        Api.contact("during", "");
        String journey = activeJourney(WELCOME);
        Api.send(Api.event("s-early", "early", "signup", T0, null));
        run().body("entered", equalTo(1));
        operator().post("/api/push/journeys/" + journey + "/pause").then().statusCode(200);

        Api.send(Api.event("s-during", "during", "signup", T0, null));
        clock.set(T0.plus(Duration.ofDays(2)));
        run().body("journeys", equalTo(0));
        assertEquals(1, deliveries(journey));

        // resumed: the overdue wait moves on, the signup made while paused does not count
        operator().post("/api/push/journeys/" + journey + "/activate").then().statusCode(200);
        Api.send(Api.event("s-during-2", "during", "signup", T0.plus(Duration.ofDays(2)), null));
        run().body("entered", equalTo(1)).body("deliveries", equalTo(2));
        assertEquals(3, deliveries(journey));

        // archived: the entry still on its way ends and its message not yet sent is cancelled
        operator().post("/api/push/journeys/" + journey + "/archive").then().statusCode(200);
        assertEquals(0, Sql.count("select count(*) from journey_entry where journey_id = ?::uuid and state = 'ACTIVE'", journey));
        assertEquals(3, Sql.count("select count(*) from delivery where status = 'CANCELLED' and reason = 'journey_archived'"));
    }

    @Test
    void reEntryAfterDaysLetsAContactBackOnlyOnceTheWindowHasPassed() {
        Api.contact("regular", "");
        String journey = activeJourney("""
                {"key": "thanks", "name": "Thanks for buying", "reEntryAfterDays": 7,
                 "trigger": {"type": "event", "event": "purchase"},
                 "steps": [{"key": "thank", "type": "send", "template": "welcome-push"}]}""");
        Api.send(Api.event("buy-1", "regular", "purchase", T0, "10"));
        run().body("entered", equalTo(1));

        clock.set(T0.plus(Duration.ofDays(1)));
        Api.send(Api.event("buy-2", "regular", "purchase", T0.plus(Duration.ofDays(1)), "10"));
        run().body("entered", equalTo(0));

        Instant later = T0.plus(Duration.ofDays(8));
        clock.set(later);
        Api.send(Api.event("buy-3", "regular", "purchase", later, "10"), Api.event("buy-4", "regular", "purchase", later, "12"));
        run().body("entered", equalTo(1));

        assertEquals(2, entries(journey));
        assertEquals(2, deliveries(journey));
        // two purchases in one batch: one of them makes the new occurrence
        String occurrences = Sql.string("select string_agg(occurrence, ',' order by id) from journey_entry where journey_id = ?::uuid", journey);
        assertTrue(occurrences.matches("event:buy-1,event:buy-[34]"), occurrences);
    }

    @Test
    void propertyFiltersAudienceAndRuleBranchesUseTheSegmentLanguage() {
        Api.contact("sh-gold", "\"region\": \"CN-31\", \"membershipTier\": \"gold\"");
        Api.contact("sh-silver", "\"region\": \"CN-31\", \"membershipTier\": \"silver\"");
        Api.contact("bj-gold", "\"region\": \"CN-11\", \"membershipTier\": \"gold\"");
        operator().body("{\"key\": \"shanghai\", \"name\": \"Shanghai\", \"materialised\": false, "
                + "\"rule\": {\"attribute\": \"region\", \"op\": \"eq\", \"value\": \"CN-31\"}}").post("/api/push/segments").then().statusCode(201);
        String journey = activeJourney("""
                {"key": "upgrade", "name": "Upgrade offer", "audienceSegment": "shanghai",
                 "trigger": {"type": "event", "event": "view", "properties": {"page": "pricing"}},
                 "steps": [{"key": "tier", "type": "condition", "rule": {"attribute": "membershipTier", "op": "eq", "value": "gold"},
                            "yes": "vip", "no": "offer"},
                           {"key": "vip", "type": "send", "template": "welcome-push"},
                           {"key": "offer", "type": "send", "template": "welcome-offer"}]}""");
        Api.send(view("v1", "sh-gold", "pricing"), view("v2", "sh-silver", "pricing"), view("v3", "bj-gold", "pricing"),
                view("v4", "sh-gold", "home"));
        run().body("entered", equalTo(2)).body("deliveries", equalTo(2));

        assertEquals("sh-gold", Sql.string("select c.external_id from delivery d join contact c on c.id = d.contact_id where d.source_id = ?::uuid",
                stepId(journey, "vip")));
        assertEquals("sh-silver", Sql.string("select c.external_id from delivery d join contact c on c.id = d.contact_id where d.source_id = ?::uuid",
                stepId(journey, "offer")));
    }

    @Test
    void aTriggerCommittedLateIsNotSkippedByTheCursor() throws Exception {
        Api.contact("slow", "");
        Api.contact("fast", "");
        String journey = activeJourney(WELCOME);
        try (Connection slow = PostgresTestResource.server().connect(PostgresTestResource.database())) {
            slow.setAutoCommit(false);
            try (Statement st = slow.createStatement()) {
                st.execute("insert into event (event_id, contact_id, type, occurred_at, received_at) select 'signup-slow', id, 'signup', '"
                        + T0 + "', '" + T0 + "' from contact where external_id = 'slow'");
            }
            // a later transaction commits first; reading it now would move the cursor past the slow one
            Api.send(Api.event("signup-fast", "fast", "signup", T0, null));
            run().body("entered", equalTo(0));
            slow.commit();
        }
        run().body("entered", equalTo(2));
        assertEquals(2, entries(journey));
    }

    private static String view(String id, String who, String page) {
        return Api.event(id, who, "view", T0, null).replace("}", ", \"properties\": {\"page\": \"" + page + "\"}}");
    }
}
