package io.yunying.push.report;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A journey's funnel by step. */
@Schema(name = "JourneyReport")
public record JourneyReport(
        UUID id, String key, String name, String status, String goalEvent, int goalWindowHours,
        long entered,
        @Schema(description = "entries still on their way") long active,
        long completed,
        @Schema(description = "exited entries by reason: goal, event:<type>, stage:<stage>, archived, contact_erased, template_missing") Map<String, Long> exited,
        @Schema(description = "entries whose contact performed the goal event within the window after entering") Long converted,
        Double conversionRate,
        List<StepFigures> steps) {

    @Schema(name = "JourneyReportStep")
    public record StepFigures(
            @Schema(description = "the step id; deliveries carry it as source_id") UUID id,
            String key,
            @Schema(enumeration = {"send", "wait", "condition"}) String type,
            @Schema(description = "entries that reached the step") long reached,
            @Schema(description = "active entries at the step now") long waiting,
            @Schema(description = "send steps: deliveries per status") Map<String, Long> deliveries,
            @Schema(description = "send steps: contacts sent, delivered, opened, clicked, converted after the send") Long sent,
            Long delivered, Long opened, Long clicked, Long converted,
            @Schema(description = "condition steps: entries sent each way") Long yes, Long no) {
    }
}
