package io.yunying.push.me;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
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

import static io.yunying.push.support.Api.operator;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A write retried with the same Idempotency-Key and body gets the first answer; a different body is a 422. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class IdempotencyKeyTest {

    static final Instant NOW = Instant.parse("2026-06-01T08:00:00Z");

    @Inject
    TestClock clock;

    @BeforeEach
    void at() {
        clock.set(NOW);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static String someone() {
        String id = "idem-" + UUID.randomUUID().toString().substring(0, 8);
        Api.contact(id, "");
        return id;
    }

    private static RequestSpecification as(String user, String key) {
        return Api.as(TestTokens.appUser(user)).header("Idempotency-Key", key);
    }

    private static long tokens(String user) {
        return Sql.count("select count(*) from contact_address a join contact c on c.id = a.contact_id where c.external_id = ? and a.channel = 'PUSH'", user);
    }

    @Test
    void anAppUsersRetriedWritesAreAnsweredOnceAndADifferentBodyIsRefused() {
        String me = someone();
        String key = UUID.randomUUID().toString();
        as(me, key).body("{\"token\": \"fcm-1\"}").put("/api/push/me/tokens/phone").then().statusCode(200)
                .header("Idempotent-Replayed", nullValue()).body("address", equalTo("fcm-1"));
        as(me, key).body("{\"token\": \"fcm-1\"}").put("/api/push/me/tokens/phone").then().statusCode(200)
                .header("Idempotent-Replayed", "true").body("address", equalTo("fcm-1")).body("deviceId", equalTo("phone"));
        as(me, key).body("{\"token\": \"fcm-2\"}").put("/api/push/me/tokens/phone").then().statusCode(422)
                .contentType("application/problem+json").body("type", equalTo("urn:yunying:problem:idempotency-key-reused"))
                .body("errors.field", hasItem("Idempotency-Key"));
        as(me, key).body("{\"token\": \"fcm-1\"}").put("/api/push/me/tokens/tablet").then().statusCode(422);
        assertEquals(1, tokens(me));
        assertEquals("fcm-1", Sql.string("select a.address from contact_address a join contact c on c.id = a.contact_id where c.external_id = ?", me));

        // a retried profile change answers the first version instead of a 412 on its own If-Match
        String patch = UUID.randomUUID().toString();
        as(me, patch).header("If-Match", "\"0\"").body("{\"timeZone\": \"Europe/Paris\"}").patch("/api/push/me").then().statusCode(200)
                .header("ETag", "\"1\"");
        as(me, patch).header("If-Match", "\"0\"").body("{\"timeZone\": \"Europe/Paris\"}").patch("/api/push/me").then().statusCode(200)
                .header("ETag", "\"1\"").header("Idempotent-Replayed", "true").body("timeZone", equalTo("Europe/Paris")).body("version", equalTo(1));
        Api.as(TestTokens.appUser(me)).header("If-Match", "\"0\"").body("{\"timeZone\": \"Europe/Paris\"}").patch("/api/push/me")
                .then().statusCode(412);
        assertEquals(1, Sql.count("select version from contact where external_id = ?", me));

        String consent = UUID.randomUUID().toString();
        as(me, consent).body("{\"channel\": \"PUSH\", \"status\": \"SUBSCRIBED\"}").put("/api/push/me/consents").then().statusCode(200);
        as(me, consent).body("{\"channel\": \"PUSH\", \"status\": \"SUBSCRIBED\"}").put("/api/push/me/consents").then().statusCode(200)
                .header("Idempotent-Replayed", "true").body("status", equalTo("SUBSCRIBED")).body("source", equalTo("app"));

        // without a key a retried batch reports duplicates; with one it gets the first batch's counts
        String events = UUID.randomUUID().toString();
        String batch = "{\"events\": [" + Api.event("e-" + events, me, "app_open", NOW.minusSeconds(60), null) + "]}";
        as(me, events).body(batch).post("/api/push/me/events").then().statusCode(200).body("accepted", equalTo(1));
        as(me, events).body(batch).post("/api/push/me/events").then().statusCode(200).header("Idempotent-Replayed", "true")
                .body("accepted", equalTo(1)).body("duplicates", equalTo(0));
        assertEquals(1, Sql.count("select count(*) from event where event_id = ?", "e-" + events));

        String delete = UUID.randomUUID().toString();
        as(me, delete).delete("/api/push/me/tokens/phone").then().statusCode(204);
        as(me, delete).delete("/api/push/me/tokens/phone").then().statusCode(204).header("Idempotent-Replayed", "true");
        Api.as(TestTokens.appUser(me)).delete("/api/push/me/tokens/phone").then().statusCode(404);
    }

    @Test
    void operatorCreationsAreNotDuplicatedByARetry() {
        String key = UUID.randomUUID().toString();
        String id = "idem-op-" + key.substring(0, 8);
        String body = "{\"externalId\": \"" + id + "\", \"platform\": \"IOS\"}";
        var first = operator().header("Idempotency-Key", key).body(body).post("/api/push/contacts").then().statusCode(201)
                .header("Idempotent-Replayed", nullValue()).extract();
        operator().header("Idempotency-Key", key).body(body).post("/api/push/contacts").then().statusCode(201)
                .header("Idempotent-Replayed", "true").header("Location", first.header("Location")).header("ETag", "\"0\"")
                .body("externalId", equalTo(id)).body("id", equalTo(first.path("id")));
        operator().body(body).post("/api/push/contacts").then().statusCode(409);
        assertEquals(1, Sql.count("select count(*) from contact where external_id = ?", id));

        String importKey = UUID.randomUUID().toString();
        String job = operator().header("Idempotency-Key", importKey).body("{\"format\": \"csv\"}").post("/api/push/imports")
                .then().statusCode(201).extract().path("id");
        operator().header("Idempotency-Key", importKey).body("{\"format\": \"csv\"}").post("/api/push/imports")
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(job));
        assertEquals(1, Sql.count("select count(*) from import_job where id = ?::uuid", job));

        String segmentKey = UUID.randomUUID().toString();
        String segment = "{\"key\": \"idem-" + segmentKey.substring(0, 8) + "\", \"name\": \"Retried\", \"materialised\": false, "
                + "\"rule\": {\"attribute\": \"region\", \"op\": \"eq\", \"value\": \"CN-31\"}}";
        operator().header("Idempotency-Key", segmentKey).body(segment).post("/api/push/segments").then().statusCode(201);
        operator().header("Idempotency-Key", segmentKey).body(segment).post("/api/push/segments").then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("name", equalTo("Retried"));
        operator().header("Idempotency-Key", segmentKey).body(segment.replace("Retried", "Other")).post("/api/push/segments")
                .then().statusCode(422);

        String eventsKey = UUID.randomUUID().toString();
        String batch = "{\"events\": [" + Api.event("s-" + eventsKey, id, "signup", NOW.minusSeconds(5), null) + "]}";
        Api.as(TestTokens.service()).header("Idempotency-Key", eventsKey).body(batch).post("/api/push/events").then().statusCode(200)
                .body("accepted", equalTo(1));
        Api.as(TestTokens.service()).header("Idempotency-Key", eventsKey).body(batch).post("/api/push/events").then().statusCode(200)
                .header("Idempotent-Replayed", "true").body("accepted", equalTo(1));
    }

    @Test
    void aRetryWhileTheFirstRunsIsAConflictUntilTheFirstIsTakenAsLost() {
        String me = someone();
        String key = UUID.randomUUID().toString();
        ValidatableResponse first = as(me, key).body("{\"token\": \"fcm-run\"}").put("/api/push/me/tokens/phone").then().statusCode(200);
        // what the record looks like while the first request has not answered yet
        Sql.count("update idempotency_record set status = null, body = null, created_at = ?::timestamptz where key = ? returning 1",
                NOW.toString(), key);
        clock.advance(Duration.ofSeconds(30));
        as(me, key).body("{\"token\": \"fcm-run\"}").put("/api/push/me/tokens/phone").then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("urn:yunying:problem:idempotency-key-in-use"));
        clock.advance(Duration.ofSeconds(60));
        as(me, key).body("{\"token\": \"fcm-run\"}").put("/api/push/me/tokens/phone").then().statusCode(200)
                .header("Idempotent-Replayed", nullValue());
        as(me, key).body("{\"token\": \"fcm-run\"}").put("/api/push/me/tokens/phone").then().statusCode(200)
                .header("Idempotent-Replayed", "true");
        first.body("address", equalTo("fcm-run"));
    }

    @Test
    void keysExpireAreKeptPerCallerAndAFailedWriteKeepsNothing() {
        String me = someone();
        String key = UUID.randomUUID().toString();
        as(me, key).body("{\"token\": \"fcm-a\"}").put("/api/push/me/tokens/phone").then().statusCode(200);
        String other = someone();
        as(other, key).body("{\"token\": \"fcm-b\"}").put("/api/push/me/tokens/phone").then().statusCode(200)
                .header("Idempotent-Replayed", nullValue()).body("address", equalTo("fcm-b"));
        clock.advance(Duration.ofHours(25));
        as(me, key).body("{\"token\": \"fcm-c\"}").put("/api/push/me/tokens/phone").then().statusCode(200)
                .header("Idempotent-Replayed", nullValue()).body("address", equalTo("fcm-c"));

        // an app user named like a staff account never sees that account's answers
        String shared = UUID.randomUUID().toString();
        operator().header("Idempotency-Key", shared).body("{\"format\": \"csv\"}").post("/api/push/imports").then().statusCode(201);
        Api.contact("operator-test", "");
        as("operator-test", shared).body("{\"token\": \"fcm-x\"}").put("/api/push/me/tokens/phone").then().statusCode(200)
                .header("Idempotent-Replayed", nullValue()).body("address", equalTo("fcm-x"));

        String failing = UUID.randomUUID().toString();
        as("idem-not-registered", failing).body("{\"token\": \"fcm-z\"}").put("/api/push/me/tokens/phone").then().statusCode(404);
        assertEquals(0, Sql.count("select count(*) from idempotency_record where key = ?", failing));

        as(me, "x".repeat(256)).body("{\"token\": \"fcm-d\"}").put("/api/push/me/tokens/phone").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("Idempotency-Key"));
        as(me, "has space").body("{\"token\": \"fcm-d\"}").put("/api/push/me/tokens/phone").then().statusCode(400);
        assertEquals("fcm-c", Sql.string("select a.address from contact_address a join contact c on c.id = a.contact_id where c.external_id = ?", me));
    }

    @Test
    void erasingAContactForgetsTheAnswersAboutIt() {
        String me = someone();
        as(me, UUID.randomUUID().toString()).body("{\"token\": \"fcm-gone\"}").put("/api/push/me/tokens/phone").then().statusCode(200);
        as(me, UUID.randomUUID().toString()).body("{\"locale\": \"en\"}").patch("/api/push/me").then().statusCode(200);
        assertEquals(2, Sql.count("select count(*) from idempotency_record where subject = ?", me));
        String erase = UUID.randomUUID().toString();
        as(me, erase).delete("/api/push/me").then().statusCode(204);
        assertEquals(0, Sql.count("select count(*) from idempotency_record where subject = ?", me));
        assertEquals(0, Sql.count("select count(*) from idempotency_record where body like ?", "%fcm-gone%"));
        as(me, erase).delete("/api/push/me").then().statusCode(204).header("Idempotent-Replayed", "true");
        Api.as(TestTokens.appUser(me)).delete("/api/push/me").then().statusCode(404);

        String created = UUID.randomUUID().toString();
        String id = "idem-er-" + created.substring(0, 8);
        operator().header("Idempotency-Key", created).body("{\"externalId\": \"" + id + "\", \"platform\": \"WEB\"}")
                .post("/api/push/contacts").then().statusCode(201);
        operator().delete("/api/push/contacts/" + id).then().statusCode(204);
        assertEquals(0, Sql.count("select count(*) from idempotency_record where key = ?", created));
    }
}
