package io.yunying.push.report;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A campaign's review (复盘) in one answer, shaped for charts. Contacts are counted once per run
 * (a contact reached on two channels in one run counts once).
 */
@Schema(name = "CampaignReport")
public record CampaignReport(
        CampaignInfo campaign,
        @Schema(description = "the runs counted (a campaign's scheduled instants, cron fires)") List<String> runs,
        @Schema(description = "one per A/B variant ('default' without variants), then the holdout when there is one") List<Group> groups,
        @Schema(description = "deliveries per status") Map<String, Long> statuses,
        @Schema(description = "failed deliveries by reason, most first") List<ReasonCount> failures,
        @Schema(description = "dropped deliveries by reason (frequency_cap, no_consent...), most first") List<ReasonCount> drops,
        @Schema(description = "per hour (UTC) with activity: sends, first opens, first clicks") List<HourPoint> series) {

    public record CampaignInfo(UUID id, String key, String name, String status, String goalEvent, int goalWindowHours) {
    }

    @Schema(name = "CampaignReportGroup")
    public record Group(
            @Schema(example = "A") String group,
            boolean holdout,
            @Schema(description = "contacts assigned to the group") long audience,
            long sent, long delivered, long opened, long clicked,
            @Schema(description = "sent contacts who performed the goal event within the window after sent_at; for the holdout, after the run started") Long converted,
            Rates rates,
            @Schema(description = "against the holdout; null for the holdout itself or without one") Uplift uplift) {
    }

    @Schema(name = "CampaignReportRates", description = "Shares of sent (of the audience for the holdout), 0..1; null when the base is 0")
    public record Rates(Double sent, Double delivered, Double opened, Double clicked,
                        @Schema(description = "clicked / opened") Double clickToOpen, Double converted) {
    }

    @Schema(name = "Uplift")
    public record Uplift(
            @Schema(description = "conversion rate minus the holdout's, in rate points (0.05 = 5 points)") double absolute,
            @Schema(description = "absolute / holdout rate; null when the holdout rate is 0") Double relative,
            @Schema(description = "two-proportion z statistic") Double z,
            @Schema(description = "two-sided p-value") Double pValue,
            @Schema(description = "p < 0.05") boolean significant) {
    }

    public record ReasonCount(String reason, long count) {
    }

    public record HourPoint(Instant hour, long sent, long opened, long clicked) {
    }
}
