package io.yunying.community.trend;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The batch ingest of topic signals: validates the whole batch first (a bad event refuses it all, nothing is
 * written), then records it in one transaction, once per event id.
 */
@ApplicationScoped
public class SignalIngestService {

    /** Clocks of producers drift; an event further in the future than this is a mistake, not a signal. */
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    private static final String DEADLOCK = "40P01";

    public record Intake(long received, long accepted, long duplicates, long signals) {
    }

    private final Pool pool;
    private final SignalRecorder recorder;
    private final Clock clock;

    public SignalIngestService(Pool pool, SignalRecorder recorder, Clock clock) {
        this.pool = pool;
        this.recorder = recorder;
        this.clock = clock;
    }

    public Uni<Intake> ingest(List<SignalEvent> events) {
        List<Signal> signals = toSignals(events);
        return pool.withTransaction(connection -> recorder.record(connection, signals))
                // two batches can still meet in a lock cycle on a hot topic; the loser rolled back whole, so retrying is safe
                .onFailure(e -> e instanceof PgException pg && DEADLOCK.equals(pg.getSqlState())).retry().atMost(3)
                .map(r -> new Intake(r.events(), r.fresh(), r.events() - r.fresh(), r.signals()));
    }

    private List<Signal> toSignals(List<SignalEvent> events) {
        Instant latest = clock.instant().plus(MAX_CLOCK_SKEW);
        List<Problem.FieldError> errors = new ArrayList<>();
        List<Signal> signals = new ArrayList<>(events.size() * 2);
        for (int i = 0; i < events.size(); i++) {
            SignalEvent e = events.get(i);
            if (e.occurredAt().isAfter(latest)) {
                errors.add(new Problem.FieldError("[" + i + "].occurredAt", "is in the future", e.occurredAt().toString()));
            }
            for (int j = 0; j < e.topics().size(); j++) {
                String topic = Topics.valid(e.topics().get(j));
                if (topic == null) {
                    errors.add(new Problem.FieldError("[" + i + "].topics[" + j + "]",
                            "a topic is 1 to " + Topics.MAX_LENGTH + " characters without '#'", null));
                } else {
                    signals.add(new Signal(e.id(), topic, e.actor(), 1, e.occurredAt()));
                }
            }
            if (errors.size() >= 20) {
                break;
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "validation", "Invalid request",
                    errors.size() + " field(s) are invalid; nothing of the batch was stored", errors, Map.of());
        }
        return signals;
    }
}
