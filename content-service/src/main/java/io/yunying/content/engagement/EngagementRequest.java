package io.yunying.content.engagement;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Schema(name = "EngagementBatch")
public record EngagementRequest(@NotEmpty @Size(max = 500) List<@NotNull @Valid Event> events) {

    public enum Kind { VIEW, LIKE, UNLIKE, SHARE, COMMENT, READ_TIME }

    @Schema(name = "EngagementEvent", description = "value: comments added for COMMENT, seconds for READ_TIME; ignored otherwise")
    public record Event(@NotNull @Schema(description = "the app's id for the event; a repeated id is ignored",
                                         example = "3f0c2a9e-5b7d-4c1e-9a61-2d8f4b6e7a10") UUID id,
                        @NotNull @Schema(example = "8d1f6c2b-0e4a-4b9f-a3c7-51e2d9b07f34") UUID itemId,
                        @NotNull @Schema(example = "READ_TIME") Kind kind,
                        @Min(-1000) @Max(86_400) @Schema(example = "95") Long value,
                        @Schema(example = "2026-11-22T08:00:00Z") Instant occurredAt) {
    }
}
