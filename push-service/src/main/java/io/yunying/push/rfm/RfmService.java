package io.yunying.push.rfm;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.yunying.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

@ApplicationScoped
public class RfmService {

    private final RfmRepository rfm;
    private final RfmConfig config;
    private final Clock clock;

    public RfmService(RfmRepository rfm, RfmConfig config, Clock clock) {
        this.rfm = rfm;
        this.config = config;
        this.clock = clock;
    }

    public Uni<RfmRun> recompute() {
        Instant now = clock.instant();
        return rfm.recompute(now.minus(Duration.ofDays(config.windowDays())), now)
                .onItem().ifNull().failWith(() -> ProblemException.conflict("rfm-running", "RFM recompute in progress",
                        "another recompute is running", Map.of()))
                .map(run -> new RfmRun(run.scored(), run.changed(), config.windowDays(), now));
    }

    @Scheduled(cron = "{push.rfm.recompute-cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        Instant now = clock.instant();
        return rfm.recompute(now.minus(Duration.ofDays(config.windowDays())), now).replaceWithVoid();
    }

    public Uni<RfmSummary> summary() {
        return rfm.summary();
    }
}
