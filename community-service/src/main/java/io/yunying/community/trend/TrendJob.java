package io.yunying.community.trend;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;

/** Runs the recompute in every replica; the advisory lock lets one of them do the work each time. */
@ApplicationScoped
public class TrendJob {

    private static final Logger LOG = Logger.getLogger(TrendJob.class);

    private final TrendRecomputer recomputer;

    public TrendJob(TrendRecomputer recomputer) {
        this.recomputer = recomputer;
    }

    @Scheduled(every = "${yunying.community.trends.recompute-every}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> recompute() {
        return recomputer.recompute(false)
                .onFailure().invoke(e -> LOG.warnf("hot-topic recompute failed, the previous lists stay: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
