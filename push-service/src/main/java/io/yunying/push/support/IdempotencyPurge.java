package io.yunying.push.support;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.yunying.platform.idempotency.IdempotentWrites;
import jakarta.enterprise.context.ApplicationScoped;

/** Forgets expired Idempotency-Keys; one statement, safe on every replica. */
@ApplicationScoped
public class IdempotencyPurge {

    private final IdempotentWrites idempotency;

    public IdempotencyPurge(IdempotentWrites idempotency) {
        this.idempotency = idempotency;
    }

    @Scheduled(every = "1h", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return idempotency.purgeExpired().replaceWithVoid();
    }
}
