package io.yunying.community.trend;

import java.time.Instant;
import java.util.UUID;

/**
 * One topic signal: an event (by its id) touched a topic, acted by a user (or by nobody, for aggregated
 * engagement, whose weight then counts instead of a user).
 */
public record Signal(UUID eventId, String topic, String actor, double weight, Instant at) {
}
