package io.yunying.push.inbound;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.yunying.push.support.Api;
import io.yunying.push.support.Db;
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

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class InboundEventTest {

    static final Instant T0 = Instant.parse("2026-07-01T00:00:00Z");

    @Inject
    TestClock clock;

    @Inject
    InboundService service;

    @BeforeEach
    void clean() {
        Db.exec("truncate inbound_event");
        clock.set(T0);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void eventsAreKeptOncePerIdAndPurgedAfterRetention() {
        UUID old = UUID.randomUUID();
        post(old).body("accepted", equalTo(1));
        post(old).body("accepted", equalTo(0)).body("duplicates", equalTo(1));
        assertEquals("content-service", Sql.string("select source from inbound_event where id = ?::uuid", old.toString()));

        clock.set(T0.plus(Duration.ofDays(29)));
        UUID recent = UUID.randomUUID();
        post(recent).body("accepted", equalTo(1));
        clock.set(T0.plus(Duration.ofDays(31)));
        assertEquals(1L, service.purge().await().indefinitely());
        assertEquals(1, Sql.count("select count(*) from inbound_event where id = ?::uuid", recent.toString()));
        assertEquals(1, Sql.count("select count(*) from inbound_event"));
    }

    private static io.restassured.response.ValidatableResponse post(UUID id) {
        return Api.as(TestTokens.service()).body("[{\"id\": \"" + id + "\", \"type\": \"content.published\", \"occurredAt\": \"2026-07-01T00:00:00Z\", "
                        + "\"source\": \"content-service\", \"data\": {\"id\": \"" + UUID.randomUUID() + "\", \"title\": \"t\"}}]")
                .post("/api/push/inbound-events").then().statusCode(202);
    }
}
