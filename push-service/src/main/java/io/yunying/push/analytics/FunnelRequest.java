package io.yunying.push.analytics;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

@Schema(name = "FunnelQuery")
public record FunnelRequest(
        @NotNull @Size(min = 2, max = 10) @Valid List<Step> steps,
        @NotNull @Schema(description = "first step events from this instant") Instant from,
        @NotNull @Schema(description = "until this instant (exclusive)") Instant to,
        @NotNull @Min(1) @Max(2160) @Schema(description = "every later step must happen within this many hours of the first", example = "72") Integer windowHours,
        @Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,63}") @Schema(description = "only members of this segment (a live one is evaluated now)") String segment) {

    public record Step(@NotBlank @Pattern(regexp = "[a-z][a-z0-9_]{0,63}", message = "an event type in snake_case") String event) {
    }
}
