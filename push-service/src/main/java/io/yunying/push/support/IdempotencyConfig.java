package io.yunying.push.support;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "push.idempotency")
public interface IdempotencyConfig {

    /** How long a key is remembered: a retry within it gets the first answer; after it the key is free again. */
    @WithDefault("24h")
    Duration ttl();

    /** A first request that has not finished after this long is taken as lost, and a retry runs it again. */
    @WithDefault("60s")
    Duration abandonAfter();
}
