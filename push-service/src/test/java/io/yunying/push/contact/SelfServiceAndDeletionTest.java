package io.yunying.push.contact;

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

import java.time.Instant;

import static io.yunying.push.support.Api.operator;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class SelfServiceAndDeletionTest {

    static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void anAppUserReadsAndChangesOnlyItsOwnProfileAndTokens() {
        Api.contact("me-1", "\"membershipTier\": \"gold\"");
        Api.contact("me-2", "");
        var me = TestTokens.appUser("me-1");
        Api.as(me).get("/api/push/me").then().statusCode(200).body("externalId", equalTo("me-1"));
        Api.as(me).body("{\"timeZone\": \"Europe/Paris\", \"locale\": \"fr\", \"membershipTier\": \"platinum\"}")
                .patch("/api/push/me").then().statusCode(200).body("timeZone", equalTo("Europe/Paris"));
        assertEquals("gold", Sql.string("select membership_tier from contact where external_id = 'me-1'"));
        Api.as(me).body("{\"timeZone\": \"Nowhere/Land\"}").patch("/api/push/me").then().statusCode(400)
                .body("errors[0].field", equalTo("timeZone"));

        Api.as(me).body("{\"token\": \"apns-abc\"}").put("/api/push/me/tokens/iphone").then().statusCode(200)
                .body("channel", equalTo("PUSH")).body("deviceId", equalTo("iphone"));
        Api.as(me).body("{\"token\": \"apns-def\"}").put("/api/push/me/tokens/iphone").then().statusCode(200);
        Api.as(me).get("/api/push/me/tokens").then().statusCode(200).body("", hasSize(1)).body("[0].address", equalTo("apns-def"));
        Api.as(me).delete("/api/push/me/tokens/iphone").then().statusCode(204);
        Api.as(me).delete("/api/push/me/tokens/iphone").then().statusCode(404);

        Api.as(me).get("/api/push/contacts/me-2").then().statusCode(403);
        Api.as(me).get("/api/push/contacts").then().statusCode(403);
        Api.as(me).body("{\"region\": \"x\"}").patch("/api/push/contacts/me-2").then().statusCode(403);
        Api.as(me).delete("/api/push/contacts/me-2").then().statusCode(403);
        Api.as(TestTokens.appUser("not-registered")).get("/api/push/me").then().statusCode(404);
        Api.as(TestTokens.operator()).get("/api/push/me").then().statusCode(403);
    }

    @Test
    void deletionErasesPersonalDataAndKeepsAnonymousCounts() {
        clock.set(NOW);
        Api.contact("gone", "\"region\": \"CN-31\", \"gender\": \"MALE\", \"attributes\": {\"nickname\": \"小明\"}");
        operator().body("{\"address\": \"gone@example.com\"}").put("/api/push/contacts/gone/addresses/EMAIL").then().statusCode(200);
        operator().body("{\"channel\": \"EMAIL\", \"status\": \"SUBSCRIBED\"}").put("/api/push/contacts/gone/consents").then().statusCode(200);
        operator().body("{\"events\": [{\"eventId\": \"gone-1\", \"externalId\": \"gone\", \"type\": \"purchase\", \"amount\": 9.9, "
                + "\"occurredAt\": \"" + NOW + "\", \"properties\": {\"shippingAddress\": \"1 Road\"}}]}").post("/api/push/events").then().statusCode(200);
        operator().post("/api/push/lifecycle/recompute").then().statusCode(200);
        operator().post("/api/push/rfm/recompute").then().statusCode(200);

        String id = operator().get("/api/push/contacts/gone").then().extract().path("id");
        Api.as(TestTokens.appUser("gone")).delete("/api/push/me").then().statusCode(204);

        operator().get("/api/push/contacts/gone").then().statusCode(404);
        assertEquals(1, Sql.count("select count(*) from contact where id::text = ? and erased_at is not null and external_id is null "
                + "and region is null and gender is null and attributes = '{}'", id));
        assertEquals(0, Sql.count("select count(*) from contact_address a join contact c on c.id = a.contact_id where c.erased_at is not null"));
        assertEquals(0, Sql.count("select count(*) from consent a join contact c on c.id = a.contact_id where c.erased_at is not null"));
        assertEquals(0, Sql.count("select count(*) from consent_log a join contact c on c.id = a.contact_id where c.erased_at is not null"));
        assertEquals(0, Sql.count("select count(*) from contact_rfm a join contact c on c.id = a.contact_id where c.erased_at is not null"));
        assertEquals(0, Sql.count("select count(*) from outbox where data ->> 'externalId' = 'gone'"));
        // the purchase still counts in aggregates, without its details
        assertEquals(1, Sql.count("select count(*) from event where event_id = 'gone-1' and properties = '{}' and amount = 9.9"));

        // the id is free again: a new registration is a new person
        Api.contact("gone", "");
        operator().get("/api/push/contacts/gone").then().statusCode(200).body("region", equalTo(null));
        operator().delete("/api/push/contacts/never-was").then().statusCode(404);
    }
}
