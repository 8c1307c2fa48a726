package io.yunying.push.campaign;

import io.yunying.push.contact.Channel;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Schema(name = "Campaign")
public record CampaignView(UUID id, String key, String name, String description, CampaignStatus status,
                           @Schema(description = "what an operator may do now", example = "[\"pause\", \"cancel\"]") List<String> actions,
                           List<String> segments, List<String> exclusions, List<Channel> channels, List<VariantRequest> variants,
                           BigDecimal holdoutPercent, Schedule schedule, String goalEvent, int goalWindowHours,
                           @Schema(description = "exempt from frequency caps and quiet hours") boolean transactional,
                           @Schema(description = "the next run the scheduler fans out") Instant nextRunAt,
                           @Schema(description = "deliveries by status, and contacts held out (one-campaign view only)",
                                   example = "{\"PENDING\": 120, \"SENT\": 9000, \"DROPPED\": 30, \"holdout\": 1000}") Map<String, Long> counts,
                           Instant createdAt, Instant updatedAt, long version) {

    CampaignView withCounts(Map<String, Long> c) {
        return new CampaignView(id, key, name, description, status, actions, segments, exclusions, channels, variants, holdoutPercent,
                schedule, goalEvent, goalWindowHours, transactional, nextRunAt, c, createdAt, updatedAt, version);
    }
}
