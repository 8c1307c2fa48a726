package io.yunying.community.trend;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Writes signals through the database function {@code take_topic_signals} (migration V11; {@code
 * record_topic_signals} is its text-array form), the one place that turns signals into the distinct-user counters: set-wise, once per event id, aliases folded. It runs on
 * the caller's connection, inside the caller's transaction, from the reactive client or a Hibernate session.
 */
@ApplicationScoped
public class SignalRecorder {

    static final String TAKE = "select events, fresh_events, signals from take_topic_signals($1, $2, $3, $4, $5, $6, $7)";
    private static final String RECORD_NATIVE = """
            select cast(fresh_events as bigint) from record_topic_signals(cast(?1 as text[]), cast(?2 as text[]),
                cast(?3 as text[]), cast(?4 as text[]), cast(?5 as text[]), ?6, ?7)""";

    /** Events seen in the batch, events new to this service, and the signals those carried. */
    public record Recorded(long events, long fresh, long signals) {
    }

    private final Clock clock;
    private final int bucketSeconds;

    public SignalRecorder(Clock clock, TrendConfig config) {
        this.clock = clock;
        this.bucketSeconds = (int) config.bucket().toSeconds();
    }

    /** A batch of the ingest endpoint, as typed arrays (binary on the wire, nothing for the database to parse). */
    public Uni<Recorded> take(SqlClient client, SignalBatch batch) {
        return client.preparedQuery(TAKE)
                .execute(Tuple.from(new Object[]{batch.ids(), batch.topics(), batch.actors(), batch.weights(), batch.ats(),
                        clock.instant().atOffset(ZoneOffset.UTC), bucketSeconds}))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Recorded(row.getLong(0), row.getLong(1), row.getLong(2));
                });
    }

    /** The same, inside a Hibernate Reactive session's transaction (the community write path). */
    public Uni<Long> record(Mutiny.Session session, List<Signal> signals) {
        if (signals.isEmpty()) {
            return Uni.createFrom().item(0L);
        }
        Arrays a = Arrays.of(signals);
        return session.createNativeQuery(RECORD_NATIVE, Long.class)
                .setParameter(1, a.ids).setParameter(2, a.topics).setParameter(3, a.actors)
                .setParameter(4, a.weights).setParameter(5, a.ats)
                .setParameter(6, clock.instant().atOffset(ZoneOffset.UTC)).setParameter(7, bucketSeconds)
                .getSingleResult();
    }

    private record Arrays(String[] ids, String[] topics, String[] actors, String[] weights, String[] ats) {
        static Arrays of(List<Signal> signals) {
            int n = signals.size();
            Arrays a = new Arrays(new String[n], new String[n], new String[n], new String[n], new String[n]);
            for (int i = 0; i < n; i++) {
                Signal s = signals.get(i);
                a.ids[i] = s.eventId().toString();
                a.topics[i] = s.topic();
                a.actors[i] = s.actor();
                a.weights[i] = Double.toString(s.weight());
                a.ats[i] = s.at().toString();
            }
            return a;
        }
    }
}
