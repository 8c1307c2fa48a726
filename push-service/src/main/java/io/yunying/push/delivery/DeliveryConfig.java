package io.yunying.push.delivery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

@ConfigMapping(prefix = "push.delivery")
public interface DeliveryConfig {

    /** Whether this replica runs dispatcher workers in the background (tests dispatch through the API). */
    @WithDefault("true")
    boolean enabled();

    /** Concurrent claim-and-send loops in this replica. */
    @WithDefault("4")
    int workers();

    /** Deliveries one claim takes. */
    @WithDefault("500")
    int batchSize();

    /** Provider calls in flight per batch. */
    @WithDefault("128")
    int concurrency();

    /** How long a worker waits when nothing was due. */
    @WithDefault("1s")
    Duration pollInterval();

    /**
     * A claim whose worker says nothing to the database for this long (a hung worker) loses its rows to the
     * other workers, which send them with the same idempotency keys; a worker that dies loses them at once.
     * Longer than the slowest batch can take to send.
     */
    @WithDefault("2m")
    Duration lease();

    /** Attempts before a delivery goes to the dead-letter view. */
    @WithDefault("8")
    int maxAttempts();

    /** Backoff after attempt n is base × 2^(n−1), at most max, and never sooner than the provider's Retry-After. */
    @WithDefault("30s")
    Duration backoffBase();

    @WithDefault("1h")
    Duration backoffMax();

    QuietHours quietHours();

    /** Frequency caps per channel (PUSH, EMAIL, SMS, IN_APP); 0 or absent = no cap. */
    Map<String, Cap> caps();

    /** Messages per second per channel across all replicas; 0 or absent = no throttle. */
    Map<String, Integer> throttle();

    interface QuietHours {
        @WithDefault("true")
        boolean enabled();

        /** The window in each contact's own zone; it may cross midnight. */
        @WithDefault("22:00")
        LocalTime start();

        @WithDefault("08:00")
        LocalTime end();

        /** Channels quiet hours (and a contact's own do-not-disturb) apply to. */
        @WithDefault("PUSH,SMS")
        List<String> channels();
    }

    interface Cap {
        @WithDefault("0")
        int perDay();

        @WithDefault("0")
        int perWeek();
    }
}
