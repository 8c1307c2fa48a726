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
    private final LinesService lines;
    private final ContactService contacts;
    private final Clock clock;

    public LifecycleService(LifecycleRepository lifecycle, LinesService lines, ContactService contacts, Clock clock) {
        this.lifecycle = lifecycle;
        this.lines = lines;
        this.contacts = contacts;
        this.clock = clock;
    }

    public Uni<LifecycleRun> recompute() {
        Instant now = clock.instant();
        return lines.current()
                .flatMap(current -> lifecycle.recompute(now, current))
                .flatMap(n -> {
                    if (n < 0) {
                        return Uni.createFrom().failure(ProblemException.conflict("lifecycle-running", "Lifecycle recompute in progress",
                                "another recompute is running", Map.of()));
                    }
                    return lifecycle.countsByStage().map(stages -> new LifecycleRun(n, now, stages));
                });
    }

    /** Every replica runs it; the advisory lock lets one do the work, with the lines stored at that moment. */
    @Scheduled(every = "{push.lifecycle.recompute-every}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        Instant now = clock.instant();
        return lines.current().flatMap(current -> lifecycle.recompute(now, current)).replaceWithVoid();
    }

    public Uni<Map<String, Long>> stages() {
        return lifecycle.countsByStage();
    }

    public Uni<List<StageChange>> changes(String externalId) {
        return contacts.get(externalId).flatMap(c -> lifecycle.changes(c.id()));
    }
}
