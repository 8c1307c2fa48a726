package io.yunying.content.outbox;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.yunying.content.support.ContentConfig;
import io.yunying.platform.security.ServiceTokens;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Delivers the outbox to every configured subscriber, at least once each, each at its own pace. Per subscriber,
 * one replica at a time holds its row ({@code FOR UPDATE SKIP LOCKED}) while it sends the oldest events that
 * subscriber has not accepted; they count as delivered to it only after a 2xx. A failure backs off that
 * subscriber alone (2, 4, 8... seconds, at most {@code content.outbox.max-backoff}); the others carry on, and
 * nothing is re-sent to a subscriber that already accepted it. An event is done once all subscribers have it.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    /** A subscriber's delivery state, as the status endpoint shows it. */
    public record SubscriberStatus(String name, String url, boolean enabled, long pending, int failedAttempts,
                                   Instant nextAttemptAt, String lastError, Instant lastDeliveredAt, long delivered) {
    }

    private final Pool pool;
    private final OutboxRepository outbox;
    private final EventSinks sinks;
    private final ServiceTokens token;
    private final ContentConfig.Outbox config;
    private final Clock clock;
    private final Map<String, ContentConfig.Outbox.Subscriber> subscribers;
    private final String[] names;

    public OutboxRelay(Pool pool, OutboxRepository outbox, EventSinks sinks, ServiceTokens token, ContentConfig config,
                       Clock clock) {
        this.pool = pool;
        this.outbox = outbox;
        this.sinks = sinks;
        this.token = token;
        this.config = config.outbox();
        this.clock = clock;
        this.subscribers = new TreeMap<>();
        this.config.subscribers().forEach((name, subscriber) -> {
            if (subscriber.enabled()) {
                subscribers.put(name, subscriber);
            }
        });
        this.names = subscribers.keySet().toArray(String[]::new);
    }

    /** One batch to each subscriber that is due; answers how many events became done (delivered to all). */
    public Uni<Integer> relayOnce() {
        return pool.withConnection(db -> outbox.register(db, names))
                .chain(() -> Multi.createFrom().iterable(subscribers.entrySet())
                        .onItem().transformToUniAndConcatenate(s -> relayTo(s.getKey(), s.getValue()))
                        .collect().with(Collectors.summingInt(Integer::intValue)));
    }

    private Uni<Integer> relayTo(String name, ContentConfig.Outbox.Subscriber subscriber) {
        return pool.withTransaction(db -> outbox.claim(db, name, clock.instant()).chain(claimed -> claimed == null
                ? Uni.createFrom().item(0)
                : outbox.pendingFor(db, name, config.batchSize()).chain(events -> {
                    if (events.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    UUID[] ids = events.stream().map(OutboxEvent::id).toArray(UUID[]::new);
                    return send(subscriber, events).replaceWith(true)
                            .onFailure().recoverWithUni(e -> {
                                LOG.warnf("outbox: %d events to %s failed (%s); they stay pending for it", events.size(), name, e.toString());
                                return outbox.failed(db, name, ids, e.toString(), clock.instant(), config.maxBackoff()).replaceWith(false);
                            })
                            .chain(accepted -> accepted
                                    ? outbox.delivered(db, name, ids, names, clock.instant())
                                    : Uni.createFrom().item(0));
                })));
    }

    private Uni<Void> send(ContentConfig.Outbox.Subscriber subscriber, List<OutboxEvent> events) {
        return token.authorization().chain(authorization -> sinks.send(subscriber, authorization.orElse(null), events));
    }

    public Uni<List<SubscriberStatus>> status() {
        return pool.withConnection(db -> outbox.register(db, names)
                .chain(() -> outbox.progress(db, names))
                .chain(progress -> Multi.createFrom().iterable(progress)
                        .onItem().transformToUniAndConcatenate(p -> outbox.pendingCount(db, p.name()).map(pending -> {
                            ContentConfig.Outbox.Subscriber s = subscribers.get(p.name());
                            return new SubscriberStatus(p.name(), s.url() + s.path(), s.enabled(), pending, p.attempts(),
                                    p.nextAttemptAt(), p.lastError(), p.lastDeliveredAt(), p.delivered());
                        }))
                        .collect().asList()));
    }

    @Scheduled(every = "${content.outbox.every:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return relayOnce().onFailure().invoke(e -> LOG.warn("outbox relay failed; the next run retries", e))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
