package io.yunying.push.segment;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "RulePreview")
public record RuleRequest(@NotNull @Schema(example = "{\"event\": \"app_open\", \"op\": \"not_performed\", \"withinDays\": 14}") JsonNode rule) {
}
