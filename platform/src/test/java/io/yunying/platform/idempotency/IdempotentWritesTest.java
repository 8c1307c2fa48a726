package io.yunying.platform.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.yunying.platform.problem.ProblemException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What is decided before any record is read or written. The database-backed behaviour (replay, 422, 409, expiry,
 * release on failure, forgetting a subject) is covered by the services' Idempotency-Key tests against PostgreSQL.
 */
class IdempotentWritesTest {

    private static final IdempotencySettings SETTINGS = new IdempotencySettings(Duration.ofHours(24), Duration.ofSeconds(60));

    /** No pool: anything below that touched the database would fail. */
    private final IdempotentWrites writes = new IdempotentWrites(null, SETTINGS, new ObjectMapper(),
            Clock.fixed(Instant.parse("2026-11-22T08:00:00Z"), ZoneOffset.UTC));

    @Test
    void withoutAKeyTheWriteRunsOnSubscriptionOnly() {
        AtomicInteger runs = new AtomicInteger();
        Response answer = Response.status(201).build();
        Uni<Response> once = writes.once("member-1", null, "POST /things", Map.of("a", 1), () -> {
            runs.incrementAndGet();
            return Uni.createFrom().item(answer);
        });
        assertEquals(0, runs.get(), "nothing runs before subscription");
        assertSame(answer, once.await().indefinitely());
        assertEquals(1, runs.get());
    }

    @Test
    void aKeyThatIsNotOneTo255VisibleAsciiCharactersIsA400AndRunsNothing() {
        AtomicInteger runs = new AtomicInteger();
        for (String key : new String[]{"", "x".repeat(256), "has space", "键", "tab\t"}) {
            ProblemException refused = assertThrows(ProblemException.class, () -> writes.once("member-1", key, "POST /things",
                    Map.of(), "subject-1", () -> {
                        runs.incrementAndGet();
                        return Uni.createFrom().item(Response.ok().build());
                    }), key);
            assertEquals(400, refused.status());
            assertEquals(IdempotentWrites.HEADER, refused.errors().get(0).field());
        }
        assertEquals(0, runs.get());
    }

    @Test
    void settingsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new IdempotencySettings(Duration.ZERO, Duration.ofSeconds(60)));
        assertThrows(IllegalArgumentException.class, () -> new IdempotencySettings(Duration.ofHours(1), Duration.ofSeconds(-1)));
        assertThrows(NullPointerException.class, () -> new IdempotencySettings(null, Duration.ofSeconds(60)));
    }
}
