package io.yunying.content.outbox;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.yunying.content.Api;
import io.yunying.content.FakeCommunity;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.Sql;
import io.yunying.testsupport.TestClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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

    @AfterEach
    void ingestUp() {
        FakeCommunity.eventsDown = false;
        clock.reset();
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
