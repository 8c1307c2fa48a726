package io.yunying.push.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** An event as the platform's outbox relays deliver it. */
@Schema(name = "PushInboundEvent")
public record InboundEvent(
        @NotNull UUID id,
        @NotBlank @Size(max = 100) @Schema(example = "content.published") String type,
        @NotNull Instant occurredAt,
        @NotBlank @Size(max = 100) @Schema(example = "content-service") String source,
        @NotNull @Schema(example = "{\"id\": \"8a0c3c1e-5d3b-4b59-9f43-1f0f4c1d2e3a\", \"title\": \"春季新品\", \"category\": \"news\", \"tags\": [\"spring\"]}") JsonNode data) {
}
