package io.yunying.community.trend;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One event of the batch ingest: a user touched one or more topics (posted, commented, liked, shared, searched). */
@Schema(name = "TopicSignalEvent")
public record SignalEvent(
        @NotNull @Schema(description = "the event's id; an id already taken in is skipped") UUID id,
        @NotNull @NotEmpty @Size(max = 10) @Schema(example = "[\"世界杯\"]") List<@NotNull String> topics,
        @NotBlank @Size(max = 100) @Schema(description = "the acting user: scores count distinct users", example = "u-1024") String actor,
        @NotNull @Schema(example = "2026-11-22T08:00:00Z") Instant occurredAt) {
}
