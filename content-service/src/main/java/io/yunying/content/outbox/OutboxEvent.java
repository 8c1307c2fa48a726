package io.yunying.content.outbox;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** The platform's event envelope. */
public record OutboxEvent(UUID id, String type, Instant occurredAt, String source, Map<String, Object> data) {
}
