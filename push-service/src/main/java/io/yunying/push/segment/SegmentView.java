package io.yunying.push.segment;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

@Schema(name = "Segment")
public record SegmentView(UUID id, String key, String name, String description, JsonNode rule, boolean materialised,
                          @Schema(description = "members at the last refresh (materialised segments)") Long memberCount,
                          Instant refreshedAt, Instant createdAt, Instant updatedAt, long version) {
}
