package io.yunying.push.journey;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "JourneyInput", description = "A triggered journey; see the README section 'Journeys and reports' for every member")
public record JourneyRequest(
        @NotBlank @Pattern(regexp = JourneyService.KEY, message = "lower-case letters, digits, _ or -, at most 64") @Schema(example = "welcome-series") String key,
        @NotBlank @Size(max = 200) @Schema(example = "Welcome series") String name,
        @Size(max = 2000) String description,
        @NotNull @Schema(description = "what makes a contact enter: type event, stage_changed, membership_expiring or content_published",
                example = "{\"type\": \"event\", \"event\": \"signup\"}") JsonNode trigger,
        @Pattern(regexp = JourneyService.KEY, message = "the key of a segment") @Schema(description = "only members of this segment enter; required for content_published", example = "newsletter-readers") String audienceSegment,
        @Min(value = 1, message = "at least 1 day") @Max(value = 3650, message = "at most 3650 days")
        @Schema(description = "absent: a contact enters once per occurrence; N: again when its last entry is N days old and finished") Integer reEntryAfterDays,
        @Pattern(regexp = "[a-z][a-z0-9_]{0,63}", message = "an event type in snake_case") @Schema(description = "conversion event; performing it ends the entry", example = "purchase") String goalEvent,
        @Min(value = 1, message = "at least 1 hour") @Max(value = 2160, message = "at most 2160 hours (90 days)") @Schema(description = "conversion window, default 72") Integer goalWindowHours,
        @Schema(description = "more reasons to leave: [{\"event\": \"unsubscribe\"}, {\"stage\": [\"active\"]}]") JsonNode exits,
        @NotNull @Schema(description = "send, wait and condition steps; the first step is where contacts enter",
                example = "[{\"key\": \"hello\", \"type\": \"send\", \"template\": \"welcome-push\", \"fallback\": [\"IN_APP\"], \"next\": \"pause\"}, {\"key\": \"pause\", \"type\": \"wait\", \"delay\": \"P1D\", \"next\": \"bought\"}, {\"key\": \"bought\", \"type\": \"condition\", \"performed\": \"purchase\", \"no\": \"nudge\"}, {\"key\": \"nudge\", \"type\": \"send\", \"template\": \"welcome-offer-edm\"}]") JsonNode steps) {
}
