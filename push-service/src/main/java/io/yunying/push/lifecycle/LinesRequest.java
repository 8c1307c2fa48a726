package io.yunying.push.lifecycle;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** New churn-warning lines, all of them: a PUT replaces the setting as a whole. Checked by {@link LinesService}. */
@Schema(name = "LifecycleLinesInput")
public record LinesRequest(
        @Schema(description = "a contact who signed up this many days ago or less and is active is new", example = "7", required = true) Integer newForDays,
        @Schema(description = "days without activity before silent", example = "7", required = true) Integer silentAfterDays,
        @Schema(description = "days without activity before at risk; more than silentAfterDays", example = "14", required = true) Integer atRiskAfterDays,
        @Schema(description = "days without activity before churned; more than atRiskAfterDays", example = "30", required = true) Integer churnedAfterDays,
        @Schema(description = "days a returning churned contact stays resurrected", example = "7", required = true) Integer resurrectedForDays,
        @Schema(description = "at risk when the last 7 days fall below this share of the contact's average week in the 4 before; 0 turns the rule off",
                example = "0.3", required = true) Double dropRatio,
        @Schema(description = "the drop rule applies only when that average week had at least this many events", example = "3", required = true)
        Integer dropMinWeeklyBaseline) {

    LifecycleLines lines() {
        return new LifecycleLines(newForDays, silentAfterDays, atRiskAfterDays, churnedAfterDays, resurrectedForDays, dropRatio,
                dropMinWeeklyBaseline);
    }
}
