package io.yunying.content.schedule;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Runs the publisher on a timer and once at start, so anything that fell due while no replica was running
 * goes live as soon as one is back, without waiting for the first tick.
 */
@ApplicationScoped
public class ScheduleJob {

    private static final Logger LOG = Logger.getLogger(ScheduleJob.class);

    private final ScheduleService schedule;

    public ScheduleJob(ScheduleService schedule) {
        this.schedule = schedule;
    }

    void catchUp(@Observes StartupEvent start) {
        run().subscribe().with(ignored -> { }, e -> LOG.warn("catch-up publishing failed; the timer retries", e));
    }

    @Scheduled(every = "${content.schedule.every:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return run().onFailure().invoke(e -> LOG.warn("scheduled publishing failed; the next run retries", e))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<ScheduleService.RunResult> run() {
        return schedule.runDue().invoke(r -> {
            if (r.published() + r.unpublished() > 0) {
                LOG.infof("scheduler: %d published, %d unpublished", r.published(), r.unpublished());
            }
        });
    }
}
