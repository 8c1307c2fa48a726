package io.yunying.community.trend;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

/**
 * The batch ingest of topic signals: reads and validates the whole batch first (a bad event refuses it all,
 * nothing is written), then records it in one statement, once per event id.
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
    private final JsonFactory json;
    private final Clock clock;

    public SignalIngestService(Pool pool, SignalRecorder recorder, ObjectMapper mapper, Clock clock) {
        this.pool = pool;
        this.recorder = recorder;
        this.json = mapper.getFactory();
        this.clock = clock;
    }

    public Uni<Intake> ingest(byte[] body) throws IOException {
        SignalBatch batch = SignalBatch.read(json, body, SignalIngestResource.MAX_BATCH, clock.instant().plus(MAX_CLOCK_SKEW));
        batch.trim();
        // one statement is atomic on its own: no transaction round trips around it
        return recorder.take(pool, batch)
                // two batches can still meet in a lock cycle on a hot topic; the loser rolled back whole, so retrying is safe
                .onFailure(e -> e instanceof PgException pg && DEADLOCK.equals(pg.getSqlState())).retry().atMost(3)
                .map(r -> new Intake(r.events(), r.fresh(), r.events() - r.fresh(), r.signals()));
    }
}
