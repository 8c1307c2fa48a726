package io.yunying.community.signal;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** An event as the platform's outbox relays deliver it. */
@Schema(name = "InboundEvent")
public record InboundEvent(
        @NotNull UUID id,
        @NotBlank @Size(max = 100) @Schema(example = "content.published") String type,
        @NotNull Instant occurredAt,
        @NotBlank @Size(max = 100) @Schema(example = "content-service") String source,
        @NotNull JsonNode data) {
}
