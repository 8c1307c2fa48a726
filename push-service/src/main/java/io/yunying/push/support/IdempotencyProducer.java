package io.yunying.push.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.mutiny.sqlclient.Pool;
import io.yunying.platform.idempotency.IdempotencySettings;
import io.yunying.platform.idempotency.IdempotentWrites;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;

/**
 * The platform's Idempotency-Key records, kept in this service's database with this service's settings.
 * Produced here rather than in platform, where a bean needing a pool would be one in every application.
 */
public class IdempotencyProducer {

    @Produces
    @ApplicationScoped
    IdempotentWrites idempotentWrites(Pool pool, IdempotencyConfig config, ObjectMapper json, Clock clock) {
        return new IdempotentWrites(pool, new IdempotencySettings(config.ttl(), config.abandonAfter()), json, clock);
    }
}
