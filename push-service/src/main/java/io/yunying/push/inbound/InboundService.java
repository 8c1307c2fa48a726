package io.yunying.push.inbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.time.Clock;
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

    private final InboundRepository inbound;
    private final ObjectMapper json;
    private final Clock clock;

    public InboundService(InboundRepository inbound, ObjectMapper json, Clock clock) {
        this.inbound = inbound;
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
}
