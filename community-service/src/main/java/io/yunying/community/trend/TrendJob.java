package io.yunying.community.trend;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Runs the recompute jobs in every replica (an advisory lock per job lets one of them do the work each time), and
 * refreshes this replica's public lists, so a request never reads the database or waits for a recompute.
 */
@ApplicationScoped
public class TrendJob {

    private static final Logger LOG = Logger.getLogger(TrendJob.class);

    private final TrendRecomputer recomputer;
    private final TrendingService trending;

    public TrendJob(TrendRecomputer recomputer, TrendingService trending) {
        this.recomputer = recomputer;
        this.trending = trending;
    }

    @Scheduled(every = "${yunying.community.trends.recompute-every}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> rising() {
        return recomputer.rising(false)
                .onFailure().invoke(e -> LOG.warnf("rising recompute failed, the previous list stays: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    @Scheduled(every = "${yunying.community.trends.slow-every}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> slow() {
        return recomputer.slow()
                .onFailure().invoke(e -> LOG.warnf("hot-topic recompute (hot lists, baselines, emerging) failed, the previous lists stay: %s",
                        e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Another replica's recompute or guidance change reaches this replica's public lists within this period. */
    @Scheduled(every = "${yunying.community.trends.public-list.cache-ttl}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return trending.refresh()
                .onFailure().invoke(e -> LOG.warnf("public trending lists not refreshed, the previous ones stay: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
