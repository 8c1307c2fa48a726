package io.yunying.content.review;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Puts abandoned claims back in the queue, so the state the admin UI shows matches the leases. */
@ApplicationScoped
public class LeaseJob {

    private static final Logger LOG = Logger.getLogger(LeaseJob.class);

    private final ReviewService reviews;

    public LeaseJob(ReviewService reviews) {
        this.reviews = reviews;
    }

    @Scheduled(every = "${content.review.release-every:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> releaseExpired() {
        return reviews.releaseExpired()
                .invoke(n -> {
                    if (n > 0) {
                        LOG.infof("%d expired review claims returned to the queue", n);
                    }
                })
                .onFailure().invoke(e -> LOG.warn("releasing expired claims failed; the next run retries", e))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
