package io.yunying.push.inbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.yunying.push.journey.JourneyConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Takes in events other services relay from their outboxes, at least once each, and keeps the kinds
 * push features listen to, once per event id: {@code content.published} (journeys with a
 * content_published trigger read them by cursor). Other kinds are answered as ignored and not kept.
 */
@ApplicationScoped
public class InboundService {

    static final Set<String> KEPT = Set.of("content.published");

    private static final Logger LOG = Logger.getLogger(InboundService.class);

    private final InboundRepository inbound;
    private final JourneyConfig config;
    private final ObjectMapper json;
    private final Clock clock;

    public InboundService(InboundRepository inbound, JourneyConfig config, ObjectMapper json, Clock clock) {
        this.inbound = inbound;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    public Uni<Intake> ingest(List<InboundEvent> events) {
        List<InboundEvent> kept = events.stream().filter(e -> KEPT.contains(e.type())).toList();
        long ignored = events.size() - kept.size();
        if (kept.isEmpty()) {
            return Uni.createFrom().item(new Intake(events.size(), 0, 0, ignored));
        }
        String batch;
        try {
            batch = json.writeValueAsString(kept.stream().map(e -> json.createObjectNode()
                    .put("id", e.id().toString()).put("type", e.type()).put("source", e.source())
                    .put("occurred_at", e.occurredAt().toString()).set("data", e.data())).toList());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return inbound.insert(batch, clock.instant())
                .map(accepted -> new Intake(events.size(), accepted, kept.size() - accepted, ignored));
    }

    /**
     * Deletes events past {@code push.journeys.inbound-retention}. They are far older than the trigger
     * max age, so no journey would let anyone in on them any more; a deletion repeated by several
     * replicas is harmless.
     */
    @Scheduled(cron = "{push.journeys.inbound-purge-cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledPurge() {
        return purge().replaceWithVoid();
    }

    public Uni<Long> purge() {
        Instant cutoff = clock.instant().minus(config.inboundRetention());
        return inbound.purgeBefore(cutoff).invoke(n -> LOG.infof("purged %d inbound events received before %s", n, cutoff));
    }
}
