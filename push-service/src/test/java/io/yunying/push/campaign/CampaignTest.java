package io.yunying.push.campaign;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.yunying.push.support.Api;
import io.yunying.push.support.Db;
import io.yunying.push.support.FakeProviders;
import io.yunying.push.support.Messages;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.Sql;
import io.yunying.testsupport.TestClock;
import io.yunying.testsupport.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.yunying.push.support.Api.operator;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class CampaignTest {

    @Inject
    TestClock clock;

    @BeforeEach
    void clean() {
        Db.clearMessages();
        FakeProviders.get().reset();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static void inboxContacts(String region, String... idsAndZones) {
        for (int i = 0; i < idsAndZones.length; i += 2) {
            Api.contact(idsAndZones[i], "\"region\": \"" + region + "\", \"timeZone\": \"" + idsAndZones[i + 1] + "\"");
            Messages.reachable(idsAndZones[i], "IN_APP", null);
        }
    }

    private static void inboxTemplateAndSegment(String prefix, String region) {
        Messages.template(prefix + "-inbox", "IN_APP", "{\"zh-CN\": {\"title\": \"t\", \"body\": \"hello {contact.externalId}\"}}");
        Messages.liveSegment(prefix + "-seg", "{\"attribute\": \"region\", \"op\": \"eq\", \"value\": \"" + region + "\"}");
    }

    private static String due(String externalId) {
        return Messages.dueAt(externalId);
    }

    @Test
    void aLocalTimeSendIsDueAtThatWallClockTimeInEveryContactsZoneAcrossADstChange() {
        clock.set(Instant.parse("2026-03-07T12:00:00Z"));
        inboxContacts("LT", "ny", "America/New_York", "sh", "Asia/Shanghai", "ldn", "Europe/London");
        inboxTemplateAndSegment("lt", "LT");
        // 2026-03-08 is the day New York moves to daylight time (02:00 → 03:00)
        Messages.campaign("morning", "lt-seg", "[\"IN_APP\"]", "{\"IN_APP\": \"lt-inbox\"}",
                "{\"kind\": \"LOCAL_TIME\", \"localDate\": \"2026-03-08\", \"localTime\": \"09:00\"}");
        Messages.campaign("gap", "lt-seg", "[\"IN_APP\"]", "{\"IN_APP\": \"lt-inbox\"}",
                "{\"kind\": \"LOCAL_TIME\", \"localDate\": \"2026-03-08\", \"localTime\": \"02:30\"}");
        Messages.launch("morning").getString("nextRunAt");
        assertEquals("2026-03-07T19:00:00Z", operator().get("/api/push/campaigns/morning").jsonPath().getString("nextRunAt"),
                "fans out when 09:00 arrives in the earliest zone (UTC+14)");
        assertEquals(0, Sql.count("select count(*) from delivery"));

        clock.set(Instant.parse("2026-03-07T19:00:00Z"));
        Messages.launch("gap");
        operator().post("/api/push/campaigns/run-due").then().statusCode(200);
        assertEquals("2026-03-08T13:00:00Z", Sql.string("select to_char(due_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') from delivery d join contact c on c.id = d.contact_id join campaign k on k.id = d.source_id where c.external_id = 'ny' and k.key = 'morning'"), "09:00 EDT (UTC-4), after the change");
        assertEquals("2026-03-08T01:00:00Z", Sql.string("select to_char(due_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') from delivery d join contact c on c.id = d.contact_id join campaign k on k.id = d.source_id where c.external_id = 'sh' and k.key = 'morning'"));
        assertEquals("2026-03-08T09:00:00Z", Sql.string("select to_char(due_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') from delivery d join contact c on c.id = d.contact_id join campaign k on k.id = d.source_id where c.external_id = 'ldn' and k.key = 'morning'"));
        assertEquals("2026-03-08T07:30:00Z", Sql.string("select to_char(due_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') from delivery d join contact c on c.id = d.contact_id join campaign k on k.id = d.source_id where c.external_id = 'ny' and k.key = 'gap'"),
                "02:30 does not exist in New York that night: 03:30 EDT");

        clock.set(Instant.parse("2026-03-08T01:00:00Z"));
        Messages.dispatch();
        assertEquals(1, Sql.count("select count(*) from delivery d join campaign k on k.id = d.source_id where k.key = 'morning' and d.status = 'SENT'"));
        clock.set(Instant.parse("2026-03-08T12:59:59Z"));
        Messages.dispatch();
        assertEquals(2, Sql.count("select count(*) from delivery d join campaign k on k.id = d.source_id where k.key = 'morning' and d.status = 'SENT'"));
        clock.set(Instant.parse("2026-03-08T13:00:00Z"));
        Messages.dispatch();
        assertEquals(3, Sql.count("select count(*) from delivery d join campaign k on k.id = d.source_id where k.key = 'morning' and d.status = 'SENT'"));
        operator().post("/api/push/campaigns/run-due").then().statusCode(200);
        operator().get("/api/push/campaigns/morning").then().body("status", equalTo("COMPLETED")).body("counts.SENT", equalTo(3));
    }

    @Test
    void aRecurringCampaignOwesOneRunPerFireAndARefireOfTheSameInstantOwesNothing() {
        clock.set(Instant.parse("2026-06-07T00:00:00Z"));
        inboxContacts("CR", "w1", "Asia/Shanghai", "w2", "Asia/Shanghai");
        inboxTemplateAndSegment("cr", "CR");
        Messages.campaign("weekly", "cr-seg", "[\"IN_APP\"]", "{\"IN_APP\": \"cr-inbox\"}",
                "{\"kind\": \"CRON\", \"cron\": \"0 0 10 ? * MON\", \"zone\": \"Asia/Shanghai\"}");
        Messages.launch("weekly");
        assertEquals("2026-06-08T02:00:00Z", operator().get("/api/push/campaigns/weekly").jsonPath().getString("nextRunAt"));
        // an edit of a scheduled campaign's cron moves its next run
        String body = "{\"key\": \"weekly\", \"name\": \"weekly\", \"segments\": [\"cr-seg\"], \"channels\": [\"IN_APP\"], "
                + "\"variants\": [{\"key\": \"A\", \"percent\": 100, \"templates\": {\"IN_APP\": \"cr-inbox\"}}], "
                + "\"schedule\": {\"kind\": \"CRON\", \"cron\": \"0 0 10 ? * %s\", \"zone\": \"Asia/Shanghai\"}}";
        operator().body(body.formatted("TUE")).put("/api/push/campaigns/weekly").then().statusCode(200)
                .body("nextRunAt", equalTo("2026-06-09T02:00:00Z"));
        operator().body(body.formatted("MON")).put("/api/push/campaigns/weekly").then().statusCode(200)
                .body("nextRunAt", equalTo("2026-06-08T02:00:00Z"));

        clock.set(Instant.parse("2026-06-08T02:00:05Z"));
        operator().post("/api/push/campaigns/run-due").then().statusCode(200)
                .body("[0].occurrence", equalTo("2026-06-08T02:00:00Z")).body("[0].deliveries", equalTo(2));
        operator().post("/api/push/campaigns/run-due").then().statusCode(200).body("size()", equalTo(0));
        operator().get("/api/push/campaigns/weekly").then().body("nextRunAt", equalTo("2026-06-15T02:00:00Z")).body("status", equalTo("SCHEDULED"));

        clock.set(Instant.parse("2026-06-15T02:00:00Z"));
        operator().post("/api/push/campaigns/run-due").then().statusCode(200).body("[0].deliveries", equalTo(2));
        assertEquals(2, Sql.count("select count(distinct occurrence) from delivery"));
        assertEquals(4, Sql.count("select count(*) from delivery"));

        // a replica that read the schedule before the run moved it fires the same instant again
        Db.exec("update campaign set next_run_at = timestamptz '2026-06-15T02:00:00Z' where key = 'weekly'");
        operator().post("/api/push/campaigns/run-due").then().statusCode(200).body("[0].deliveries", equalTo(0));
        assertEquals(4, Sql.count("select count(*) from delivery"));
    }

    @Test
    void variantsAndTheHoldoutSplitTheAudienceInTheirProportions() {
        Db.exec("insert into contact (external_id, platform, locale, time_zone, region, signed_up_at, created_at, updated_at) "
                + "select 'ab-' || g, 'ANDROID', 'zh-CN', 'Asia/Shanghai', 'AB', now(), now(), now() from generate_series(1, 10000) g");
        Messages.template("ab-a", "IN_APP", "{\"zh-CN\": {\"body\": \"A\"}}");
        Messages.template("ab-b", "IN_APP", "{\"zh-CN\": {\"body\": \"B\"}}");
        Messages.template("ab-c", "IN_APP", "{\"zh-CN\": {\"body\": \"C\"}}");
        Messages.liveSegment("ab-seg", "{\"attribute\": \"region\", \"op\": \"eq\", \"value\": \"AB\"}");
        operator().body("""
                        {"key": "ab", "name": "A/B/C", "segments": ["ab-seg"], "channels": ["IN_APP"], "holdoutPercent": 10,
                         "variants": [{"key": "A", "percent": 50, "templates": {"IN_APP": "ab-a"}},
                                      {"key": "B", "percent": 30, "templates": {"IN_APP": "ab-b"}},
                                      {"key": "C", "percent": 20, "templates": {"IN_APP": "ab-c"}}],
                         "schedule": {"kind": "NOW"}, "goalEvent": "purchase", "goalWindowHours": 48}""")
                .post("/api/push/campaigns").then().statusCode(201);
        Messages.launch("ab");
        long held = Sql.count("select count(*) from delivery_holdout");
        long a = Sql.count("select count(*) from delivery where variant = 'A'");
        long b = Sql.count("select count(*) from delivery where variant = 'B'");
        long c = Sql.count("select count(*) from delivery where variant = 'C'");
        assertEquals(10_000, held + a + b + c);
        assertTrue(Math.abs(held - 1000) < 120, "holdout " + held);
        long sent = a + b + c;
        assertTrue(Math.abs(a - sent * 0.5) < 200, "A " + a);
        assertTrue(Math.abs(b - sent * 0.3) < 180, "B " + b);
        assertTrue(Math.abs(c - sent * 0.2) < 160, "C " + c);
        assertEquals(0, Sql.count("select count(*) from delivery d join delivery_holdout h on h.contact_id = d.contact_id"));
        operator().get("/api/push/campaigns/ab").then().statusCode(200)
                .body("counts.holdout", equalTo((int) held)).body("goalEvent", equalTo("purchase")).body("goalWindowHours", equalTo(48));
    }

    @Test
    void pauseHoldsResumeReleasesWithoutDuplicatesAndCancelStopsForGood() {
        clock.set(Instant.parse("2026-06-10T04:00:00Z"));
        inboxContacts("PR", "p1", "Asia/Shanghai", "p2", "Asia/Shanghai");
        inboxTemplateAndSegment("pr", "PR");
        Messages.campaign("later", "pr-seg", "[\"IN_APP\"]", "{\"IN_APP\": \"pr-inbox\"}", "{\"kind\": \"AT\", \"at\": \"2026-06-10T05:00:00Z\"}");
        Messages.launch("later");
        clock.set(Instant.parse("2026-06-10T05:00:00Z"));
        operator().post("/api/push/campaigns/run-due").then().statusCode(200);
        operator().get("/api/push/campaigns/later").then().body("status", equalTo("RUNNING")).body("counts.PENDING", equalTo(2));

        String etag = operator().get("/api/push/campaigns/later").header("ETag");
        operator().header("If-Match", "\"99\"").post("/api/push/campaigns/later/pause").then().statusCode(412);
        operator().header("If-Match", etag).post("/api/push/campaigns/later/pause").then().statusCode(200)
                .body("status", equalTo("PAUSED")).body("actions", contains("resume", "cancel"));
        operator().post("/api/push/campaigns/later/pause").then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:yunying:problem:illegal-transition"))
                .body("allowed", hasItem("resume")).body("detail", containsString("allowed: resume, cancel, edit"));
        Messages.dispatch();
        assertEquals(0, Sql.count("select count(*) from delivery where status = 'SENT'"));

        operator().post("/api/push/campaigns/later/resume").then().statusCode(200).body("status", equalTo("RUNNING"));
        operator().post("/api/push/campaigns/run-due").then().statusCode(200);
        Messages.dispatch();
        assertEquals(2, Sql.count("select count(*) from delivery where status = 'SENT'"));
        assertEquals(2, Sql.count("select count(*) from inbox_message"));
        operator().post("/api/push/campaigns/later/launch").then().statusCode(409);

        Messages.campaign("stop", "pr-seg", "[\"IN_APP\"]", "{\"IN_APP\": \"pr-inbox\"}", "{\"kind\": \"AT\", \"at\": \"2026-06-10T06:00:00Z\"}");
        Messages.launch("stop");
        clock.set(Instant.parse("2026-06-10T06:00:00Z"));
        operator().post("/api/push/campaigns/run-due").then().statusCode(200);
        operator().post("/api/push/campaigns/stop/cancel").then().statusCode(200).body("status", equalTo("CANCELLED"))
                .body("counts.CANCELLED", equalTo(2)).body("actions.size()", equalTo(0));
        operator().post("/api/push/campaigns/stop/resume").then().statusCode(409).body("detail", containsString("allowed: nothing"));
        Messages.dispatch();
        assertEquals(2, Sql.count("select count(*) from inbox_message"));
    }

    @Test
    void aTestSendReachesTheSeedsWithEveryVariantNow() {
        inboxContacts("TS", "seed-1", "Asia/Shanghai");
        Messages.template("ts-a", "IN_APP", "{\"zh-CN\": {\"body\": \"variant A\"}}");
        Messages.template("ts-b", "IN_APP", "{\"zh-CN\": {\"body\": \"variant B\"}}");
        Messages.liveSegment("ts-seg", "{\"attribute\": \"region\", \"op\": \"eq\", \"value\": \"nobody\"}");
        operator().body("""
                        {"key": "ts", "name": "ts", "segments": ["ts-seg"], "channels": ["IN_APP"],
                         "variants": [{"key": "A", "percent": 50, "templates": {"IN_APP": "ts-a"}}, {"key": "B", "percent": 50, "templates": {"IN_APP": "ts-b"}}],
                         "schedule": {"kind": "NOW"}}""")
                .post("/api/push/campaigns").then().statusCode(201);
        operator().body("{\"externalIds\": [\"seed-1\"]}").post("/api/push/campaigns/ts/test").then().statusCode(202).body("deliveries", equalTo(2));
        operator().body("{\"externalIds\": [\"nobody-here\"]}").post("/api/push/campaigns/ts/test").then().statusCode(400)
                .body("detail", containsString("nobody-here"));
        Messages.dispatch();
        Api.as(TestTokens.appUser("seed-1")).get("/api/push/me/inbox").then().statusCode(200)
                .body("items.body", org.hamcrest.Matchers.containsInAnyOrder("variant A", "variant B"));
        operator().get("/api/push/campaigns/ts").then().body("status", equalTo("DRAFT")).body("counts.SENT", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void badCampaignsAreRefusedWithEveryProblemNamedAndNothingWritten() {
        Messages.template("bad-inbox", "IN_APP", "{\"zh-CN\": {\"body\": \"x\"}}");
        Messages.liveSegment("bad-seg", "{\"attribute\": \"region\", \"op\": \"eq\", \"value\": \"X\"}");
        operator().body("""
                        {"key": "bad", "name": "bad", "segments": ["bad-seg"], "channels": ["PUSH", "IN_APP"],
                         "variants": [{"key": "A", "percent": 60, "templates": {"IN_APP": "bad-inbox", "EMAIL": "bad-inbox"}}],
                         "schedule": {"kind": "CRON", "cron": "every monday"}}""")
                .post("/api/push/campaigns").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("variants"))
                .body("errors.field", hasItem("variants[0].templates"))
                .body("errors.field", hasItem("variants[0].templates.EMAIL"))
                .body("errors.field", hasItem("schedule.cron"));
        operator().body("""
                        {"key": "bad", "name": "bad", "segments": ["no-such-segment"], "channels": ["IN_APP"],
                         "variants": [{"key": "A", "percent": 100, "templates": {"IN_APP": "no-such-template"}}],
                         "schedule": {"kind": "LOCAL_TIME", "localDate": "2026-01-01"}}""")
                .post("/api/push/campaigns").then().statusCode(400)
                .body("errors.field", hasItem("schedule.localTime"));
        operator().body("""
                        {"key": "bad", "name": "bad", "segments": ["no-such-segment"], "channels": ["IN_APP"],
                         "variants": [{"key": "A", "percent": 100, "templates": {"IN_APP": "no-such-template"}}], "schedule": {"kind": "NOW"}}""")
                .post("/api/push/campaigns").then().statusCode(400)
                .body("errors.message", hasItem("no template with key no-such-template"));
        operator().body("""
                        {"key": "bad", "name": "bad", "segments": ["no-such-segment"], "channels": ["IN_APP"],
                         "variants": [{"key": "A", "percent": 100, "templates": {"IN_APP": "bad-inbox"}}], "schedule": {"kind": "NOW"}}""")
                .post("/api/push/campaigns").then().statusCode(400)
                .body("detail", containsString("no-such-segment"));
        operator().body("{\"key\": \"bad\", \"channels\": [\"FAX\"]}").post("/api/push/campaigns").then().statusCode(400);
        assertEquals(0, Sql.count("select count(*) from campaign"));
        Api.as(TestTokens.appUser("someone")).get("/api/push/campaigns").then().statusCode(403);
        Api.as(TestTokens.moderator()).body("{}").post("/api/push/campaigns").then().statusCode(403);
        Api.as(TestTokens.admin()).get("/api/push/campaigns").then().statusCode(200);
    }
}
