package io.yunying.push.journey;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

@Schema(name = "JourneyEntry", description = "One contact's pass through a journey")
public record EntryView(long id, String externalId, String occurrence,
                        @Schema(enumeration = {"active", "completed", "exited"}) String state,
                        @Schema(description = "the step the entry waits at; null once finished") String step,
                        Instant dueAt,
                        @Schema(description = "what triggered the entry: eventId and event, from and to, daysBefore and daysLeft, or the published content's fields") JsonNode context,
                        Instant enteredAt, Instant finishedAt,
                        @Schema(example = "goal") String exitReason) {
}
