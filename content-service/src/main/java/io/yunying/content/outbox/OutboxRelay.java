package io.yunying.content.outbox;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.yunying.content.support.Db;
import io.yunying.platform.security.ServiceTokens;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.yunying.content.support.Db.args;

/**
 * Delivers the outbox at least once. A batch is claimed with {@code FOR UPDATE SKIP LOCKED} and stays
 * locked while it is sent, so replicas never send the same batch at the same time; it is marked delivered
 * only after the consumer accepted it; a failed batch stays pending and is retried after 2, 4, 8... seconds
 * (at most 5 minutes apart).
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 200;

    private final Pool pool;
    private final EventSink sink;
    private final ServiceTokens token;
    private final Clock clock;

    public OutboxRelay(Pool pool, @RestClient EventSink sink, ServiceTokens token, Clock clock) {
        this.pool = pool;
        this.sink = sink;
        this.token = token;
        this.clock = clock;
    }

    /** Sends one batch; answers how many events were delivered (0 when none were pending or sending failed). */
    public Uni<Integer> relayOnce() {
        return pool.withTransaction(db -> db.preparedQuery("""
                        select * from outbox_event
                        where delivered_at is null and (next_attempt_at is null or next_attempt_at <= $2)
                        order by occurred_at, id limit $1 for update skip locked""")
                .execute(args(BATCH, clock.instant()))
                .chain(rows -> {
                    List<OutboxEvent> events = new ArrayList<>(rows.size());
                    for (Row r : rows) {
                        events.add(new OutboxEvent(r.getUUID("id"), r.getString("type"), Db.instant(r, "occurred_at"),
                                r.getString("source"), r.getJsonObject("data").getMap()));
                    }
                    if (events.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    UUID[] ids = events.stream().map(OutboxEvent::id).toArray(UUID[]::new);
                    return send(events)
                            .chain(() -> db.preparedQuery("update outbox_event set delivered_at = $2, attempts = attempts + 1 where id = any($1::uuid[])")
                                    .execute(args(ids, clock.instant())).replaceWith(events.size()))
                            .onFailure().recoverWithUni(e -> {
                                LOG.warnf("outbox delivery of %d events failed (%s); they stay pending", events.size(), e.toString());
                                return db.preparedQuery("""
                                                update outbox_event set attempts = attempts + 1,
                                                    next_attempt_at = $2::timestamptz + make_interval(secs => least(power(2, attempts + 1), 300))
                                                where id = any($1::uuid[])""")
                                        .execute(args(ids, clock.instant())).replaceWith(0);
                            });
                }));
    }

    private Uni<Void> send(List<OutboxEvent> events) {
        return token.authorization().flatMap(authorization -> sink.deliver(authorization.orElse(null), events));
    }

    @Scheduled(every = "${content.outbox.every:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return relayOnce().onFailure().invoke(e -> LOG.warn("outbox relay failed; the next run retries", e))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
