package io.yunying.content.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.yunying.content.support.Db;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.yunying.content.support.Db.args;

/** The outbox and its subscribers' progress. */
@ApplicationScoped
public class OutboxRepository {

    /** A subscriber's delivery state. */
    public record Progress(String name, int attempts, Instant nextAttemptAt, String lastError, Instant lastDeliveredAt,
                           long delivered) {

        static Progress from(Row r) {
            return new Progress(r.getString("name"), r.getInteger("attempts"), Db.instant(r, "next_attempt_at"),
                    r.getString("last_error"), Db.instant(r, "last_delivered_at"), r.getLong("delivered"));
        }
    }

    public Uni<Void> register(SqlClient db, String[] names) {
        return db.preparedQuery("insert into outbox_subscriber (name) select unnest($1::text[]) on conflict do nothing")
                .execute(args((Object) names)).replaceWithVoid();
    }

    /**
     * The subscriber's row, locked for the transaction, when its backoff allows an attempt now and no other
     * replica is delivering to it; null otherwise. Holding it makes one replica at a time the sender to it.
     */
    public Uni<Progress> claim(SqlClient db, String name, Instant now) {
        return db.preparedQuery("""
                        select * from outbox_subscriber where name = $1 and (next_attempt_at is null or next_attempt_at <= $2)
                        for update skip locked""")
                .execute(args(name, now))
                .map(rows -> rows.size() == 0 ? null : Progress.from(rows.iterator().next()));
    }

    /** The oldest events the subscriber has not accepted yet. */
    public Uni<List<OutboxEvent>> pendingFor(SqlClient db, String name, int limit) {
        return db.preparedQuery("""
                        select id, type, occurred_at, source, data from outbox_event
                        where delivered_at is null and not ($1 = any(delivered_to))
                        order by occurred_at, id limit $2""")
                .execute(args(name, limit))
                .map(rows -> {
                    List<OutboxEvent> events = new ArrayList<>(rows.size());
                    for (Row r : rows) {
                        events.add(new OutboxEvent(r.getUUID("id"), r.getString("type"), Db.instant(r, "occurred_at"),
                                r.getString("source"), r.getJsonObject("data").getMap()));
                    }
                    return events;
                });
    }

    /**
     * Records that the subscriber accepted the events; an event every one of {@code all} has accepted is done.
     * Answers how many events became done.
     */
    public Uni<Integer> delivered(SqlClient db, String name, UUID[] ids, String[] all, Instant now) {
        return db.preparedQuery("""
                        update outbox_event set delivered_to = array_append(delivered_to, $1),
                            delivered_at = case when $3::text[] <@ array_append(delivered_to, $1) then $4::timestamptz end
                        where id = any($2::uuid[]) and not ($1 = any(delivered_to))
                        returning delivered_at""")
                .execute(args(name, ids, all, now))
                .map(rows -> {
                    int done = 0;
                    for (Row r : rows) {
                        if (r.getValue(0) != null) {
                            done++;
                        }
                    }
                    return done;
                })
                .call(() -> db.preparedQuery("""
                                update outbox_subscriber set attempts = 0, next_attempt_at = null, last_error = null,
                                    last_delivered_at = $2, delivered = delivered + $3 where name = $1""")
                        .execute(args(name, now, ids.length)));
    }

    /** A failed attempt: the subscriber waits 2, 4, 8... seconds (at most {@code max}); its events stay pending. */
    public Uni<Void> failed(SqlClient db, String name, UUID[] ids, String error, Instant now, Duration max) {
        return db.preparedQuery("""
                        update outbox_subscriber set attempts = attempts + 1, last_error = $3,
                            next_attempt_at = $2::timestamptz + make_interval(secs => least(power(2, attempts + 1), $4))
                        where name = $1""")
                .execute(args(name, now, error, (double) max.toSeconds()))
                .chain(() -> db.preparedQuery("update outbox_event set attempts = attempts + 1 where id = any($1::uuid[])")
                        .execute(args((Object) ids)))
                .replaceWithVoid();
    }

    public Uni<List<Progress>> progress(SqlClient db, String[] names) {
        return db.preparedQuery("select * from outbox_subscriber where name = any($1::text[]) order by name")
                .execute(args((Object) names))
                .map(rows -> {
                    List<Progress> all = new ArrayList<>();
                    rows.forEach(r -> all.add(Progress.from(r)));
                    return all;
                });
    }

    public Uni<Long> pendingCount(SqlClient db, String name) {
        return db.preparedQuery("select count(*) from outbox_event where delivered_at is null and not ($1 = any(delivered_to))")
                .execute(args(name)).map(rows -> rows.iterator().next().getLong(0));
    }
}
