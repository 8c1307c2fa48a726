package io.yunying.content.engagement;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;

@ApplicationScoped
public class EngagementJob {

    private static final Logger LOG = Logger.getLogger(EngagementJob.class);
    /** Apps retry unsent batches for a few days at most. */
    private static final Duration DEDUPE_WINDOW = Duration.ofDays(7);

    private final EngagementService engagement;

    public EngagementJob(EngagementService engagement) {
        this.engagement = engagement;
    }

    @Scheduled(every = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetOldEventIds() {
        return engagement.forgetOlderThan(DEDUPE_WINDOW)
                .onFailure().invoke(e -> LOG.warn("pruning engagement event ids failed; the next run retries", e))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
