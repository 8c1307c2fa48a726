package io.yunying.push.journey;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

@Schema(name = "Journey")
public record JourneyView(UUID id, String key, String name, String description,
                          @Schema(enumeration = {"draft", "active", "paused", "archived"}) String status,
                          JsonNode trigger, String audienceSegment, Integer reEntryAfterDays, String goalEvent,
                          int goalWindowHours, JsonNode exits,
                          @Schema(description = "the steps as saved, each with its id (deliveries name the step by it)") JsonNode steps,
                          Instant activatedAt, Instant createdAt, Instant updatedAt, long version) {
}
