package io.yunying.content.outbox;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.yunying.content.Api;
import io.yunying.content.FakeCommunity;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.Sql;
import io.yunying.testsupport.TestClock;
import io.yunying.testsupport.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(FakeCommunity.class)
class OutboxRelayTest {

    @Inject
    OutboxRelay relay;

    @Inject
    TestClock clock;

    @org.junit.jupiter.api.BeforeEach
    void noBackoffLeftFromEarlierTests() {
        Sql.count("with reset as (update outbox_subscriber set attempts = 0, next_attempt_at = null returning 1) select count(*) from reset");
    }

    @AfterEach
    void ingestUp() {
        FakeCommunity.eventsDown = false;
        clock.reset();
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How often each item's content.published event reached a sink, by item id. */
    private static Map<String, Integer> publishedDeliveries(Collection<String> batches) {
        Map<String, Integer> seen = new HashMap<>();
        for (String batch : batches) {
            try {
                for (JsonNode event : JSON.readTree(batch)) {
                    if (event.path("type").asText().equals("content.published")) {
                        seen.merge(event.path("data").path("id").asText(), 1, Integer::sum);
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return seen;
    }

    @Test
    void everySubscriberGetsEachEventOnceEvenWhenOneWasDownForAWhile() {
        drain();
        FakeCommunity.receivedEvents.clear();
        FakeCommunity.pushEvents.clear();
        FakeCommunity.stopPush();
        try {
            List<String> first = List.of(Api.published("双订阅 一"), Api.published("双订阅 二"), Api.published("双订阅 三"));
            assertEquals(0, relay.relayOnce().await().indefinitely(), "push is down, so no event is done yet");
            Map<String, Integer> community = publishedDeliveries(FakeCommunity.receivedEvents);
            first.forEach(id -> assertEquals(1, community.get(id), "community-service is not held back by push-service"));

            // more events while push-service is still down: community-service gets them, push-service is in backoff
            List<String> second = List.of(Api.published("双订阅 四"), Api.published("双订阅 五"));
            assertEquals(0, relay.relayOnce().await().indefinitely());
            given().header("Authorization", TestTokens.admin()).get("/api/content/outbox/subscribers").then().statusCode(200)
                    .body("find { it.name == 'push' }.pending", equalTo(5))
                    .body("find { it.name == 'push' }.failedAttempts", equalTo(1))
                    .body("find { it.name == 'push' }.lastError", notNullValue())
                    .body("find { it.name == 'community' }.pending", equalTo(0))
                    .body("find { it.name == 'community' }.failedAttempts", equalTo(0));
            assertTrue(FakeCommunity.pushEvents.isEmpty());

            FakeCommunity.startPush();
            assertEquals(0, relay.relayOnce().await().indefinitely(), "push-service waits for its backoff");
            clock.set(java.time.Instant.now().plusSeconds(3));
            assertEquals(5, relay.relayOnce().await().indefinitely(), "the five events are done once push-service has them");
            drain();

            Map<String, Integer> atCommunity = publishedDeliveries(FakeCommunity.receivedEvents);
            Map<String, Integer> atPush = publishedDeliveries(FakeCommunity.pushEvents);
            for (String id : concat(first, second)) {
                assertEquals(1, atCommunity.get(id), "community-service got " + id + " once");
                assertEquals(1, atPush.get(id), "push-service got " + id + " once");
            }
            String pushed = String.join("\n", FakeCommunity.pushEvents);
            assertTrue(pushed.contains("\"source\":\"content-service\""), pushed);
            assertTrue(pushed.contains("\"occurredAt\""), pushed);
            assertEquals(0, Sql.count("select count(*) from outbox_event where delivered_at is null"));
            assertEquals(5, Sql.count("""
                    select count(*) from outbox_event where type = 'content.published' and data->>'id' = any(string_to_array(?, ','))
                    and delivered_to @> array['community', 'push']""", String.join(",", concat(first, second))));
        } finally {
            FakeCommunity.startPushIfStopped();
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private void drain() {
        while (relay.relayOnce().await().indefinitely() > 0) {
            // the next batch
        }
    }

    @Test
    void aPublishIsDeliveredOnceTheConsumerAcceptsIt() {
        drain();
        FakeCommunity.eventsDown = true;
        String id = Api.published("事件投递");
        assertEquals(0, relay.relayOnce().await().indefinitely());
        assertEquals(1, Sql.count("""
                select count(*) from outbox_event where type = 'content.published' and data->>'id' = ?
                and delivered_at is null and attempts = 1""", id));

        FakeCommunity.eventsDown = false;
        FakeCommunity.receivedEvents.clear();
        drain();
        assertEquals(1, Sql.count("select count(*) from outbox_event where data->>'id' = ? and delivered_at is null", id),
                "a failed batch waits for its backoff");

        clock.set(java.time.Instant.now().plusSeconds(3));
        drain();
        assertEquals(1, Sql.count("select count(*) from outbox_event where data->>'id' = ? and delivered_at is not null", id));
        String delivered = String.join("\n", FakeCommunity.receivedEvents);
        assertTrue(delivered.contains("\"type\":\"content.published\""), delivered);
        assertTrue(delivered.contains(id), delivered);
        assertTrue(delivered.contains("\"source\":\"content-service\""), delivered);
        assertEquals(0, Sql.count("select count(*) from outbox_event where delivered_at is null"));
    }
}
