package io.yunying.push.delivery;

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

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static io.yunying.push.support.Api.operator;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class DispatchTest {

    /** 12:00 in Shanghai: outside the default quiet hours. */
    static final Instant NOON_SHANGHAI = Instant.parse("2026-06-10T04:00:00Z");

    @Inject
    TestClock clock;

    FakeProviders fake = FakeProviders.get();

    @BeforeEach
    void clean() {
        Db.clearMessages();
        fake.reset();
        clock.set(NOON_SHANGHAI);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private void pushCampaign(String key, String region) {
        Messages.template(key + "-push", "PUSH", "{\"zh-CN\": {\"title\": \"你好 {contact.externalId}\", \"body\": \"新消息\", \"deepLink\": \"https://m.example/x\"}}");
        Messages.template(key + "-inbox", "IN_APP", "{\"zh-CN\": {\"title\": \"站内信\", \"body\": \"给 {contact.externalId} 的消息\"}}");
        Messages.liveSegment(key + "-seg", "{\"attribute\": \"region\", \"op\": \"eq\", \"value\": \"" + region + "\"}");
        Messages.campaign(key, key + "-seg", "[\"PUSH\", \"IN_APP\"]",
                "{\"PUSH\": \"" + key + "-push\", \"IN_APP\": \"" + key + "-inbox\"}", "{\"kind\": \"NOW\"}");
    }

    private List<FakeProviders.Request> pushes() {
        return fake.requests().stream().filter(r -> r.path().startsWith("/v1/") || r.path().startsWith("/3/")).toList();
    }

    @Test
    void pushGoesToFcmOrApnsByPlatformWithTheDeliveryIdAsIdempotencyKey() {
        Api.contact("android-1", "\"region\": \"R1\", \"timeZone\": \"Asia/Shanghai\"");
        operator().body("{\"externalId\": \"ios-1\", \"platform\": \"IOS\", \"region\": \"R1\", \"timeZone\": \"Asia/Shanghai\"}")
                .post("/api/push/contacts").then().statusCode(201);
        Messages.reachable("android-1", "PUSH", "fcm-token-1");
        Messages.reachable("ios-1", "PUSH", "apns-token-1");
        pushCampaign("c1", "R1");
        Messages.launch("c1");
        Messages.dispatch();

        assertEquals("SENT", Messages.status("android-1"));
        assertEquals("SENT", Messages.status("ios-1"));
        FakeProviders.Request fcm = pushes().stream().filter(r -> r.path().equals("/v1/projects/yunying-demo/messages:send")).findFirst().orElseThrow();
        assertEquals("fcm-token-1", fcm.body().getJsonObject("message").getString("token"));
        assertEquals("你好 android-1", fcm.body().getJsonObject("message").getJsonObject("notification").getString("title"));
        String androidDelivery = Sql.string("select d.id::text from delivery d join contact c on c.id = d.contact_id where c.external_id = 'android-1'");
        assertEquals(androidDelivery, fcm.header("Idempotency-Key"));
        assertTrue(fcm.body().getJsonObject("message").getJsonObject("data").getString("deepLink").contains("/api/push/t/c/" + androidDelivery));

        FakeProviders.Request apns = pushes().stream().filter(r -> r.path().equals("/3/device/apns-token-1")).findFirst().orElseThrow();
        assertEquals("io.yunying.app", apns.header("apns-topic"));
        assertEquals("alert", apns.header("apns-push-type"));
        assertNotNull(apns.header("apns-id"));
        assertEquals(apns.header("apns-id"), Sql.string("select d.provider_message_id from delivery d join contact c on c.id = d.contact_id where c.external_id = 'ios-1'"));
    }

    @Test
    void withoutPushConsentTheInAppFallbackIsUsedAndWithoutAnyConsentNothingIsSent() {
        Api.contact("fb-1", "\"region\": \"R2\"");
        Api.contact("fb-2", "\"region\": \"R2\"");
        operator().body("{\"address\": \"tok-fb\", \"deviceId\": \"phone\"}").put("/api/push/contacts/fb-1/addresses/PUSH").then().statusCode(200);
        Messages.reachable("fb-1", "IN_APP", null);
        pushCampaign("c2", "R2");
        Messages.launch("c2");
        Messages.dispatch();

        assertEquals("SENT", Messages.status("fb-1"));
        assertEquals("IN_APP", Sql.string("select d.sent_channel from delivery d join contact c on c.id = d.contact_id where c.external_id = 'fb-1'"));
        assertTrue(pushes().isEmpty());
        Api.as(TestTokens.appUser("fb-1")).get("/api/push/me/inbox").then().statusCode(200)
                .body("items[0].body", equalTo("给 fb-1 的消息"));
        assertEquals("DROPPED", Messages.status("fb-2"));
        assertEquals("no_address (PUSH), no_consent (IN_APP)", Messages.reason("fb-2"));
    }

    @Test
    void quietHoursInTheContactsZoneHoldTheMessageUntilTheyEnd() {
        // 23:30 in Los Angeles (PDT) is 14:30 in Shanghai
        clock.set(Instant.parse("2026-06-11T06:30:00Z"));
        Api.contact("night-owl", "\"region\": \"R3\", \"timeZone\": \"America/Los_Angeles\"");
        Api.contact("day-person", "\"region\": \"R3\", \"timeZone\": \"Asia/Shanghai\", \"doNotDisturb\": {\"start\": \"14:00\", \"end\": \"15:15\"}");
        Api.contact("awake", "\"region\": \"R3\", \"timeZone\": \"Asia/Shanghai\"");
        Messages.reachable("night-owl", "PUSH", "t-owl");
        Messages.reachable("day-person", "PUSH", "t-day");
        Messages.reachable("awake", "PUSH", "t-awake");
        pushCampaign("c3", "R3");
        Messages.launch("c3");
        Messages.dispatch();

        assertEquals("SENT", Messages.status("awake"));
        assertEquals("PENDING", Messages.status("night-owl"));
        assertEquals("quiet_hours", Messages.reason("night-owl"));
        assertEquals("2026-06-11T15:00:00Z", Messages.dueAt("night-owl"), "08:00 PDT the next morning");
        assertEquals("PENDING", Messages.status("day-person"));
        assertEquals("2026-06-11T07:15:00Z", Messages.dueAt("day-person"), "the end of the contact's own do-not-disturb");
        assertEquals(0, Sql.count("select attempts from delivery d join contact c on c.id = d.contact_id where c.external_id = 'night-owl'"));

        clock.set(Instant.parse("2026-06-11T07:15:00Z"));
        Messages.dispatch();
        assertEquals("SENT", Messages.status("day-person"));
        assertEquals("PENDING", Messages.status("night-owl"));
        clock.set(Instant.parse("2026-06-11T15:00:00Z"));
        Messages.dispatch();
        assertEquals("SENT", Messages.status("night-owl"));
    }

    @Test
    void frequencyCapsDropWithTheReason() {
        Api.contact("capped", "\"region\": \"R4\"");
        Messages.reachable("capped", "PUSH", "t-capped");
        // three pushes already went out today (cap PUSH per-day = 3)
        pushCampaign("c4", "R4");
        for (int i = 0; i < 3; i++) {
            Db.exec("insert into delivery (source_kind, source_id, occurrence, contact_id, channel, template_id, status, due_at, sent_at, sent_channel, created_at) "
                    + "select 'CAMPAIGN', gen_random_uuid(), 'past', c.id, 'PUSH', t.id, 'SENT', now(), timestamptz '2026-06-10T01:00:00Z', 'PUSH', now() "
                    + "from contact c, template t where c.external_id = 'capped' and t.key = 'c4-push'");
        }
        Messages.launch("c4");
        Messages.dispatch();
        assertEquals("DROPPED", Messages.status("capped"));
        assertEquals("frequency_cap: 3 per day on PUSH", Messages.reason("capped"));
        assertTrue(pushes().isEmpty());
    }

    @Test
    void aTransactionalCampaignIsExemptFromCapsAndQuietHoursShowsTheFlagAndRefusesAHoldout() {
        // 23:30 in Los Angeles: quiet hours there; the contact has had three pushes today (the cap)
        clock.set(Instant.parse("2026-06-11T06:30:00Z"));
        Api.contact("buyer", "\"region\": \"R14\", \"timeZone\": \"America/Los_Angeles\"");
        Api.contact("browser", "\"region\": \"R14\", \"timeZone\": \"America/Los_Angeles\"");
        Messages.reachable("buyer", "PUSH", "t-buyer");
        Messages.reachable("browser", "PUSH", "t-browser");
        Messages.template("order-push", "PUSH", "{\"zh-CN\": {\"title\": \"订单已发货\", \"body\": \"{contact.externalId} 的订单已发货\"}}");
        Messages.liveSegment("buyers", "{\"attribute\": \"region\", \"op\": \"eq\", \"value\": \"R14\"}");
        for (int i = 0; i < 3; i++) {
            Db.exec("insert into delivery (source_kind, source_id, occurrence, contact_id, channel, template_id, status, due_at, sent_at, sent_channel, created_at) "
                    + "select 'CAMPAIGN', gen_random_uuid(), 'past', c.id, 'PUSH', t.id, 'SENT', now(), timestamptz '2026-06-11T01:00:00Z', 'PUSH', now() "
                    + "from contact c, template t where c.region = 'R14' and t.key = 'order-push'");
        }
        String campaign = """
                {"key": "%s", "name": "shipped", "segments": ["buyers"], "channels": ["PUSH"], "transactional": %s,%s
                 "variants": [{"key": "A", "percent": 100, "templates": {"PUSH": "order-push"}}], "schedule": {"kind": "NOW"}}""";
        operator().body(campaign.formatted("shipped-held-out", "true", " \"holdoutPercent\": 10,")).post("/api/push/campaigns")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("holdoutPercent"));
        operator().get("/api/push/campaigns/shipped-held-out").then().statusCode(404);

        operator().body(campaign.formatted("shipped", "true", "")).post("/api/push/campaigns")
                .then().statusCode(201).body("transactional", equalTo(true));
        operator().body(campaign.formatted("marketing", "false", "")).post("/api/push/campaigns")
                .then().statusCode(201).body("transactional", equalTo(false));
        Messages.launch("shipped");
        Messages.dispatch();
        assertEquals(2, Sql.count("select count(*) from delivery d join campaign k on k.id = d.source_id where k.key = 'shipped' and d.status = 'SENT'"),
                "sent in the contacts' quiet hours and over their cap");
        assertEquals(2, pushes().size());

        Messages.launch("marketing");
        Messages.dispatch();
        assertEquals(2, Sql.count("select count(*) from delivery d join campaign k on k.id = d.source_id where k.key = 'marketing' and d.status = 'PENDING' and d.reason = 'quiet_hours'"),
                "an ordinary campaign still waits for the morning");
        operator().get("/api/push/campaigns/marketing").then().statusCode(200).body("transactional", equalTo(false));
    }

    @Test
    void throttlingAndServerErrorsAreRetriedWithBackoffHonouringRetryAfter() {
        Api.contact("retry-1", "\"region\": \"R5\"");
        Messages.reachable("retry-1", "PUSH", "t-retry");
        fake.script("fcm", new FakeProviders.Answer(429, Map.of("Retry-After", "600"), "{}"),
                new FakeProviders.Answer(503, Map.of(), "{}"));
        pushCampaign("c5", "R5");
        Messages.launch("c5");

        Messages.dispatch();
        assertEquals("PENDING", Messages.status("retry-1"));
        assertEquals("fcm 429", Messages.reason("retry-1"));
        assertEquals("2026-06-10T04:10:00Z", Messages.dueAt("retry-1"), "Retry-After (10 min) beats the 1 min backoff");

        clock.set(NOON_SHANGHAI.plus(Duration.ofMinutes(10)));
        Messages.dispatch();
        assertEquals("PENDING", Messages.status("retry-1"));
        assertEquals("fcm 503", Messages.reason("retry-1"));
        assertEquals("2026-06-10T04:12:00Z", Messages.dueAt("retry-1"), "second attempt: backoff 2 × 1 min");

        clock.set(NOON_SHANGHAI.plus(Duration.ofMinutes(12)));
        Messages.dispatch();
        assertEquals("SENT", Messages.status("retry-1"));
        List<FakeProviders.Request> tries = pushes();
        assertEquals(3, tries.size());
        assertEquals(1, tries.stream().map(r -> r.header("Idempotency-Key")).distinct().count(), "every attempt carries the same key");
    }

    @Test
    void anUnregisteredTokenFailsForGoodAndIsSuppressed() {
        Api.contact("gone", "\"region\": \"R6\"");
        Messages.reachable("gone", "PUSH", "t-gone");
        fake.script("fcm", new FakeProviders.Answer(404, Map.of(),
                "{\"error\": {\"code\": 404, \"status\": \"NOT_FOUND\", \"details\": [{\"errorCode\": \"UNREGISTERED\"}]}}"));
        pushCampaign("c6", "R6");
        Messages.launch("c6");
        Messages.dispatch();
        assertEquals("FAILED", Messages.status("gone"));
        assertEquals("invalid_token: unregistered", Messages.reason("gone"));
        assertEquals(1, Sql.count("select count(*) from suppression where channel = 'PUSH' and address = 't-gone'"));
        operator().get("/api/push/suppressions").then().statusCode(200).body("items[0].address", equalTo("t-gone"));

        // the next message to the same contact does not use the suppressed token
        Messages.campaign("c6b", "c6-seg", "[\"PUSH\"]", "{\"PUSH\": \"c6-push\"}", "{\"kind\": \"NOW\"}");
        Messages.launch("c6b");
        Messages.dispatch();
        assertEquals("no_address (PUSH)", Messages.reason("gone"));
        assertEquals(1, pushes().size());
    }

    @Test
    void apnsGoneIs410AndSuppressesTheToken() {
        operator().body("{\"externalId\": \"ios-gone\", \"platform\": \"IOS\", \"region\": \"R11\"}").post("/api/push/contacts").then().statusCode(201);
        Messages.reachable("ios-gone", "PUSH", "apns-gone");
        fake.script("apns", new FakeProviders.Answer(410, Map.of(), "{\"reason\": \"Unregistered\", \"timestamp\": 1780000000000}"));
        pushCampaign("c11", "R11");
        Messages.launch("c11");
        Messages.dispatch();
        assertEquals("FAILED", Messages.status("ios-gone"));
        assertEquals("invalid_token: Unregistered", Messages.reason("ios-gone"));
        assertEquals(1, Sql.count("select count(*) from suppression where channel = 'PUSH' and address = 'apns-gone'"));
    }

    @Test
    void aDeliveryAJourneyOwesIsSentUnderTheSameRules() {
        Api.contact("journey-1", "\"region\": \"R12\"");
        Api.contact("journey-2", "\"region\": \"R12\"");
        Messages.reachable("journey-1", "PUSH", "t-journey");
        Messages.template("welcome-push", "PUSH", "{\"zh-CN\": {\"title\": \"欢迎\", \"body\": \"欢迎 {contact.externalId}\"}}");
        // rows as the journeys feature writes them: step id, entry id, template, channel, fallback, due time
        Db.exec("insert into delivery (source_kind, source_id, occurrence, contact_id, channel, fallback, template_id, status, due_at, created_at) "
                + "select 'JOURNEY', '00000000-0000-0000-0000-0000000000aa', 'entry-' || c.external_id, c.id, 'PUSH', '{IN_APP}', t.id, 'PENDING', "
                + "timestamptz '2026-06-10T03:59:00Z', now() from contact c, template t where c.region = 'R12' and t.key = 'welcome-push'");
        Messages.reachable("journey-2", "IN_APP", null);
        Messages.dispatch();
        assertEquals("SENT", Messages.status("journey-1"));
        assertEquals("欢迎 journey-1", pushes().get(0).body().getJsonObject("message").getJsonObject("notification").getString("body"));
        assertEquals("SENT", Messages.status("journey-2"));
        Api.as(TestTokens.appUser("journey-2")).get("/api/push/me/inbox").then().body("items[0].body", equalTo("欢迎 journey-2"));
    }

    @Test
    void exhaustedAttemptsEndInTheDeadLetterViewAndCanBeRequeued() {
        Api.contact("dead-1", "\"region\": \"R7\"");
        Messages.reachable("dead-1", "PUSH", "t-dead");
        pushCampaign("c7", "R7");
        Messages.launch("c7");
        long id = Sql.count("select d.id from delivery d join contact c on c.id = d.contact_id where c.external_id = 'dead-1'");
        Db.exec("update delivery set attempts = 7 where id = " + id);
        fake.script("fcm", new FakeProviders.Answer(500, Map.of(), "{}"));
        Messages.dispatch();
        assertEquals("FAILED", Messages.status("dead-1"));
        assertEquals("attempts exhausted: fcm 500", Messages.reason("dead-1"));
        operator().get("/api/push/deliveries/dead-letters").then().statusCode(200)
                .body("items[0].id", equalTo((int) id)).body("items[0].externalId", equalTo("dead-1"));

        operator().post("/api/push/deliveries/" + id + "/requeue").then().statusCode(200).body("status", equalTo("PENDING"));
        operator().post("/api/push/deliveries/" + id + "/requeue").then().statusCode(409).contentType("application/problem+json");
        Messages.dispatch();
        assertEquals("SENT", Messages.status("dead-1"));
        operator().get("/api/push/deliveries/dead-letters").then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void aBatchHeldByADeadOrHungWorkerIsSentAgainWithTheSameKeyOnceItsLeaseEnds() throws Exception {
        Api.contact("crash-dead", "\"region\": \"R8\"");
        Api.contact("crash-hung", "\"region\": \"R8\"");
        Messages.reachable("crash-dead", "PUSH", "t-crash-dead");
        Messages.reachable("crash-hung", "PUSH", "t-crash-hung");
        pushCampaign("c8", "R8");
        Messages.launch("c8");
        long dead = Sql.count("select d.id from delivery d join contact c on c.id = d.contact_id where c.external_id = 'crash-dead'");
        long hung = Sql.count("select d.id from delivery d join contact c on c.id = d.contact_id where c.external_id = 'crash-hung'");

        // two other workers claimed one row each, as the dispatcher claims: row locks in a transaction with a lease
        Connection deadWorker = claimAsAnotherWorker(dead, 60_000);
        Connection hungWorker = claimAsAnotherWorker(hung, 3_000);
        long leaseStart = System.nanoTime();
        Messages.dispatch();
        assertEquals("PENDING", Messages.status("crash-dead"));
        assertEquals("PENDING", Messages.status("crash-hung"));
        assertTrue(pushes().isEmpty(), "rows another worker holds are skipped");

        // a worker that dies: its connection drops and its rows are free at once, long before its lease would end
        deadWorker.close();
        Messages.dispatch();
        assertEquals("SENT", Messages.status("crash-dead"));
        assertEquals("PENDING", Messages.status("crash-hung"), "the hung worker's lease still holds");
        assertEquals(List.of(Long.toString(dead)), pushes().stream().map(r -> r.header("Idempotency-Key")).toList());

        // a worker that hangs: the server ends its transaction when the lease runs out. The lease is the server's own
        // wall-clock timeout, so the test waits for it the way a claimant without SKIP LOCKED would: on the row lock
        try (Connection waiter = Db.connect(); Statement wait = waiter.createStatement()) {
            wait.execute("set lock_timeout = '30s'");
            wait.execute("select id from delivery where id = " + hung + " for no key update");
        }
        assertTrue(System.nanoTime() - leaseStart >= 3_000_000_000L, "the lock was held until the lease ended");
        Messages.dispatch();
        assertEquals("SENT", Messages.status("crash-hung"), "sent once the lease ended");
        assertEquals(Long.toString(hung), pushes().get(1).header("Idempotency-Key"));
        assertEquals(1, Sql.count("select attempts from delivery where id = " + hung));
        // and whatever it tries to write afterwards changes nothing
        try (Statement late = hungWorker.createStatement()) {
            assertThrows(SQLException.class, () -> late.executeUpdate("update delivery set status = 'FAILED' where id = " + hung));
        }
        hungWorker.close();
        assertEquals("SENT", Messages.status("crash-hung"));
        assertEquals(2, pushes().size());
    }

    private static Connection claimAsAnotherWorker(long deliveryId, long leaseMillis) throws SQLException {
        Connection worker = Db.connect();
        worker.setAutoCommit(false);
        try (Statement claim = worker.createStatement()) {
            claim.execute("select set_config('idle_in_transaction_session_timeout', '" + leaseMillis + "', true)");
            claim.execute("select id from delivery where id = " + deliveryId + " and status = 'PENDING' for no key update skip locked");
        }
        return worker;
    }

    @Test
    void twoDispatchersAtOnceSendEachDeliveryExactlyOnce() throws Exception {
        Db.exec("insert into contact (external_id, platform, locale, time_zone, region, signed_up_at, created_at, updated_at) "
                + "select 'many-' || g, 'ANDROID', 'zh-CN', 'Asia/Shanghai', 'R9', now(), now(), now() from generate_series(1, 400) g");
        Db.exec("insert into contact_address (contact_id, channel, device_id, address, updated_at) select id, 'PUSH', 'phone', 'tok-' || external_id, now() from contact where region = 'R9'");
        Db.exec("insert into consent (contact_id, channel, topic, status, source, changed_at) select id, 'PUSH', '*', 'SUBSCRIBED', 'test', now() from contact where region = 'R9'");
        pushCampaign("c9", "R9");
        Messages.launch("c9");
        assertEquals(400, Sql.count("select count(*) from delivery where status = 'PENDING'"));

        List<CompletableFuture<Void>> dispatchers = List.of(
                CompletableFuture.runAsync(Messages::dispatch), CompletableFuture.runAsync(Messages::dispatch),
                CompletableFuture.runAsync(Messages::dispatch));
        CompletableFuture.allOf(dispatchers.toArray(CompletableFuture[]::new)).get();

        List<String> keys = pushes().stream().map(r -> r.header("Idempotency-Key")).toList();
        assertEquals(400, keys.size());
        Set<String> unique = keys.stream().collect(Collectors.toSet());
        assertEquals(400, unique.size(), "no delivery was sent twice");
        assertEquals(400, Sql.count("select count(*) from delivery where status = 'SENT'"));
    }

    @Test
    void theThrottleIsABudgetPerChannelAndSecondSharedByAllReplicas() {
        for (int i = 1; i <= 5; i++) {
            Api.contact("th-" + i, "\"region\": \"R10\"");
            Messages.reachable("th-" + i, "SMS", "+86138000000" + i);
        }
        Messages.template("c10-sms", "SMS", "{\"zh-CN\": {\"body\": \"验证 {contact.externalId}\"}}");
        Messages.liveSegment("c10-seg", "{\"attribute\": \"region\", \"op\": \"eq\", \"value\": \"R10\"}");
        Messages.campaign("c10", "c10-seg", "[\"SMS\"]", "{\"SMS\": \"c10-sms\"}", "{\"kind\": \"NOW\"}");
        Messages.launch("c10");

        Messages.dispatch();
        assertEquals(2, Sql.count("select count(*) from delivery where status = 'SENT'"), "test throttle: SMS 2 per second");
        assertEquals(3, Sql.count("select count(*) from delivery where status = 'PENDING' and reason = 'throttled' and due_at = timestamptz '2026-06-10T04:00:01Z' and attempts = 0"));
        assertEquals(2, Sql.count("select used from send_budget where channel = 'SMS' and second = " + NOON_SHANGHAI.getEpochSecond()));

        // another replica used the whole budget of the next second
        clock.set(NOON_SHANGHAI.plusSeconds(1));
        Db.exec("insert into send_budget (channel, second, used) values ('SMS', " + (NOON_SHANGHAI.getEpochSecond() + 1) + ", 2)");
        Messages.dispatch();
        assertEquals(2, Sql.count("select count(*) from delivery where status = 'SENT'"));

        clock.set(NOON_SHANGHAI.plusSeconds(2));
        Messages.dispatch();
        assertEquals(4, Sql.count("select count(*) from delivery where status = 'SENT'"));
        assertEquals(4, fake.requests().stream().filter(r -> r.path().equals("/messages")).count());
        // which four go first depends on the claim order; each went to its own contact's phone, once
        String sentTo = fake.requests().stream().filter(r -> r.path().equals("/messages")).map(r -> r.body().getString("to"))
                .sorted().collect(Collectors.joining(","));
        assertEquals(Sql.string("""
                select string_agg('+86138000000' || substr(c.external_id, 4), ',' order by c.external_id)
                from delivery d join contact c on c.id = d.contact_id where d.status = 'SENT'"""), sentTo);
    }

    @Test
    void anUnreachableProviderLosesNothingTheDeliveryWaitsAndRetries() {
        // no SMTP server listens on the test mailer port outside EmailTest
        Api.contact("mail-down", "\"region\": \"R13\"");
        Messages.reachable("mail-down", "EMAIL", "down@example.com");
        Messages.template("down-mail", "EMAIL", "{\"zh-CN\": {\"subject\": \"hi\", \"body\": \"hello\"}}");
        Messages.liveSegment("down-seg", "{\"attribute\": \"region\", \"op\": \"eq\", \"value\": \"R13\"}");
        Messages.campaign("down", "down-seg", "[\"EMAIL\"]", "{\"EMAIL\": \"down-mail\"}", "{\"kind\": \"NOW\"}");
        Messages.launch("down");
        Messages.dispatch().getInt("retried");
        assertEquals("PENDING", Messages.status("mail-down"));
        assertTrue(Messages.reason("mail-down").startsWith("smtp: "), Messages.reason("mail-down"));
        assertEquals("2026-06-10T04:01:00Z", Messages.dueAt("mail-down"), "first backoff: 1 min in tests");
        assertEquals(1, Sql.count("select attempts from delivery d join contact c on c.id = d.contact_id where c.external_id = 'mail-down'"));
    }

    @Test
    void dispatchNeedsAnOperator() {
        Api.as(TestTokens.appUser("x")).post("/api/push/deliveries/dispatch").then().statusCode(403);
        Api.as(TestTokens.moderator()).get("/api/push/deliveries/dead-letters").then().statusCode(403);
        io.restassured.RestAssured.given().post("/api/push/deliveries/dispatch").then().statusCode(401);
    }
}
