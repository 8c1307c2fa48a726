package io.yunying.push.lifecycle;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.yunying.platform.problem.ProblemException;
import io.yunying.push.contact.ContactService;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class LifecycleService {

    private final LifecycleRepository lifecycle;
    private final ContactService contacts;
    private final LifecycleConfig lines;
    private final Clock clock;

    public LifecycleService(LifecycleRepository lifecycle, ContactService contacts, LifecycleConfig lines, Clock clock) {
        if (!(lines.silentAfterDays() < lines.atRiskAfterDays() && lines.atRiskAfterDays() < lines.churnedAfterDays())) {
            throw new IllegalStateException("push.lifecycle lines must rise: silent < at-risk < churned days");
        }
        this.lifecycle = lifecycle;
        this.contacts = contacts;
        this.lines = lines;
        this.clock = clock;
    }

    public Uni<LifecycleRun> recompute() {
        Instant now = clock.instant();
        return lifecycle.recompute(now, lines).flatMap(n -> {
            if (n < 0) {
                return Uni.createFrom().failure(ProblemException.conflict("lifecycle-running", "Lifecycle recompute in progress",
                        "another recompute is running", Map.of()));
            }
            return lifecycle.countsByStage().map(stages -> new LifecycleRun(n, now, stages));
        });
    }

    @Scheduled(every = "{push.lifecycle.recompute-every}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return lifecycle.recompute(clock.instant(), lines).replaceWithVoid();
    }

    public Uni<Map<String, Long>> stages() {
        return lifecycle.countsByStage();
    }

    public LifecycleLines lines() {
        return LifecycleLines.of(lines);
    }

    public Uni<List<StageChange>> changes(String externalId) {
        return contacts.get(externalId).flatMap(c -> lifecycle.changes(c.id()));
    }
}
