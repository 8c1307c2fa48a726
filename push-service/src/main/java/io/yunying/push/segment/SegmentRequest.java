package io.yunying.push.segment;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "SegmentInput")
public record SegmentRequest(
        @NotBlank @Pattern(regexp = SegmentService.KEY, message = "lower-case letters, digits, _ or -, at most 64") @Schema(example = "gold-buyers-sh") String key,
        @NotBlank @Size(max = 200) @Schema(example = "Shanghai gold members who bought twice this month") String name,
        @Size(max = 2000) String description,
        @NotNull @Schema(description = "the rule, see the README's rule language",
                example = "{\"all\": [{\"attribute\": \"region\", \"op\": \"eq\", \"value\": \"CN-31\"}, {\"event\": \"purchase\", \"op\": \"gte\", \"count\": 2, \"withinDays\": 30}]}") JsonNode rule,
        @Schema(description = "keep the membership in a table, refreshed on a schedule; needed to be referenced by other segments") boolean materialised) {
}
