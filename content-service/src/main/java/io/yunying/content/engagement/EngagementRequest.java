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
    public record Event(@NotNull @Schema(description = "the app's id for the event; a repeated id is ignored") UUID id,
                        @NotNull UUID itemId, @NotNull Kind kind,
                        @Min(-1000) @Max(86_400) Long value,
                        Instant occurredAt) {
    }
}
