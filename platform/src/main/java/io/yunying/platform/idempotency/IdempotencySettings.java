package io.yunying.platform.idempotency;

import java.time.Duration;
import java.util.Objects;

/**
 * How a service remembers its {@code Idempotency-Key}s.
 *
 * @param ttl          how long a key is remembered: a retry within it gets the first answer; after it the key is free again
 * @param abandonAfter a first request that has not finished after this long is taken as lost, and a retry runs it again
 */
public record IdempotencySettings(Duration ttl, Duration abandonAfter) {

    public IdempotencySettings {
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(abandonAfter, "abandonAfter");
        if (ttl.isNegative() || ttl.isZero() || abandonAfter.isNegative() || abandonAfter.isZero()) {
            throw new IllegalArgumentException("idempotency ttl and abandon-after must be positive");
        }
    }
}
