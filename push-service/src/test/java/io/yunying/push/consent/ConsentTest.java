package io.yunying.push.consent;

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

import static io.restassured.RestAssured.given;
import static io.yunying.push.support.Api.operator;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class ConsentTest {

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private void check(String who, String channel, String topic, boolean granted) {
        operator().get("/api/push/contacts/" + who + "/consents/check?channel=" + channel + (topic == null ? "" : "&topic=" + topic))
                .then().statusCode(200).body("granted", equalTo(granted));
    }

    @Test
    void consentIsOptInPerChannelAndTopicAndAChannelWideNoWins() {
        Api.contact("c-topics", "");
        check("c-topics", "EMAIL", null, false);
        operator().body("{\"channel\": \"EMAIL\", \"status\": \"SUBSCRIBED\", \"source\": \"signup-form\"}")
                .put("/api/push/contacts/c-topics/consents").then().statusCode(200)
                .body("topic", equalTo("*")).body("source", equalTo("signup-form"));
        operator().body("{\"channel\": \"EMAIL\", \"topic\": \"promotions\", \"status\": \"UNSUBSCRIBED\"}")
                .put("/api/push/contacts/c-topics/consents").then().statusCode(200)
                .body("source", equalTo("operator:operator-test"));
        check("c-topics", "EMAIL", "newsletter", true);
        check("c-topics", "EMAIL", "promotions", false);
        check("c-topics", "SMS", null, false);

        operator().body("{\"channel\": \"SMS\", \"topic\": \"orders\", \"status\": \"SUBSCRIBED\"}")
                .put("/api/push/contacts/c-topics/consents").then().statusCode(200);
        check("c-topics", "SMS", "orders", true);
        operator().body("{\"channel\": \"SMS\", \"status\": \"UNSUBSCRIBED\"}").put("/api/push/contacts/c-topics/consents").then().statusCode(200);
        check("c-topics", "SMS", "orders", false);

        assertEquals(4, Sql.count("select count(*) from consent_log l join contact c on c.id = l.contact_id where c.external_id = 'c-topics'"));
        // repeating the current choice is not a change: the log and the original time stay
        operator().body("{\"channel\": \"EMAIL\", \"status\": \"SUBSCRIBED\", \"source\": \"again\"}")
                .put("/api/push/contacts/c-topics/consents").then().statusCode(200).body("source", equalTo("signup-form"));
        assertEquals(4, Sql.count("select count(*) from consent_log l join contact c on c.id = l.contact_id where c.external_id = 'c-topics'"));
        operator().get("/api/push/contacts/c-topics/consents").then().statusCode(200).body("size()", equalTo(4));
    }

    @Test
    void badConsentInputIsNamed() {
        Api.contact("c-bad", "");
        operator().body("{\"channel\": \"FAX\", \"status\": \"SUBSCRIBED\"}").put("/api/push/contacts/c-bad/consents")
                .then().statusCode(400).body("errors[0].field", equalTo("channel"));
        operator().body("{\"channel\": \"EMAIL\", \"topic\": \"Big Topic\", \"status\": \"SUBSCRIBED\"}").put("/api/push/contacts/c-bad/consents")
                .then().statusCode(400).body("errors[0].field", equalTo("topic"));
        operator().body("{\"channel\": \"EMAIL\"}").put("/api/push/contacts/c-bad/consents")
                .then().statusCode(400).body("errors[0].field", equalTo("status"));
        operator().body("{\"channel\": \"EMAIL\", \"status\": \"SUBSCRIBED\"}").put("/api/push/contacts/nobody/consents")
                .then().statusCode(404);
        assertEquals(0, Sql.count("select count(*) from consent c join contact k on k.id = c.contact_id where k.external_id = 'c-bad'"));
    }

    @Test
    void oneClickUnsubscribeNeedsOnlyTheToken() {
        Api.contact("c-click", "");
        operator().body("{\"channel\": \"EMAIL\", \"status\": \"SUBSCRIBED\"}").put("/api/push/contacts/c-click/consents").then().statusCode(200);
        String token = operator().get("/api/push/contacts/c-click/consents/check?channel=EMAIL").then().statusCode(200)
                .body("granted", equalTo(true)).extract().path("unsubscribeToken");
        assertEquals(64, token.length());

        given().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click")
                .post("/api/push/unsubscribe/" + token).then().statusCode(200)
                .body("status", equalTo("UNSUBSCRIBED")).body("source", equalTo("one-click")).body("channel", equalTo("EMAIL"));
        check("c-click", "EMAIL", null, false);
        given().post("/api/push/unsubscribe/not-a-token").then().statusCode(404);
        // another channel is untouched by an email unsubscribe
        assertEquals(0, Sql.count("select count(*) from consent c join contact k on k.id = c.contact_id where k.external_id = 'c-click' and c.channel <> 'EMAIL'"));
    }

    @Test
    void quietHoursAreReadInTheContactsOwnZone() {
        Api.contact("c-quiet", "\"timeZone\": \"Asia/Shanghai\", \"doNotDisturb\": {\"start\": \"22:00\", \"end\": \"08:00\"}");
        clock.set(Instant.parse("2026-06-01T15:30:00Z")); // 23:30 in Shanghai
        operator().get("/api/push/contacts/c-quiet/consents/check?channel=PUSH").then().statusCode(200)
                .body("quietHoursNow", equalTo(true)).body("timeZone", equalTo("Asia/Shanghai"));
        clock.set(Instant.parse("2026-06-01T03:00:00Z")); // 11:00 in Shanghai
        operator().get("/api/push/contacts/c-quiet/consents/check?channel=PUSH").then().statusCode(200)
                .body("quietHoursNow", equalTo(false));
        clock.set(Instant.parse("2026-06-01T23:59:00Z")); // 07:59 next morning in Shanghai
        operator().get("/api/push/contacts/c-quiet/consents/check?channel=PUSH").then().statusCode(200)
                .body("quietHoursNow", equalTo(true));
    }

    @Test
    void anAppUserManagesOnlyItsOwnConsent() {
        Api.contact("c-self", "");
        Api.contact("c-other", "");
        Api.as(TestTokens.appUser("c-self")).body("{\"channel\": \"PUSH\", \"status\": \"SUBSCRIBED\"}")
                .put("/api/push/me/consents").then().statusCode(200).body("source", equalTo("app"));
        Api.as(TestTokens.appUser("c-self")).get("/api/push/me/consents").then().statusCode(200).body("size()", equalTo(1));
        Api.as(TestTokens.appUser("c-self")).get("/api/push/contacts/c-other/consents").then().statusCode(403);
        Api.as(TestTokens.appUser("c-self")).body("{\"channel\": \"PUSH\", \"status\": \"SUBSCRIBED\"}")
                .put("/api/push/contacts/c-other/consents").then().statusCode(403);
        assertEquals(0, Sql.count("select count(*) from consent c join contact k on k.id = c.contact_id where k.external_id = 'c-other'"));
    }
}
