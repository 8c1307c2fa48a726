package io.yunying.push.campaign;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * When a campaign sends: NOW (at launch), AT an instant, at LOCAL_TIME on a date in each contact's own
 * zone, or on a CRON schedule (Quartz syntax, evaluated in {@code zone}).
 */
@Schema(name = "CampaignSchedule")
public record Schedule(
        @NotNull Kind kind,
        @Schema(description = "AT: the instant", example = "2026-12-01T02:00:00Z") Instant at,
        @Schema(description = "LOCAL_TIME: the date in each contact's zone", example = "2026-12-01") LocalDate localDate,
        @Schema(description = "LOCAL_TIME: the wall-clock time in each contact's zone", example = "09:00", type = SchemaType.STRING) LocalTime localTime,
        @Size(max = 120) @Schema(description = "CRON: Quartz cron (seconds first)", example = "0 0 10 ? * MON") String cron,
        @Size(max = 64) @Schema(description = "CRON: the zone the cron is read in (default Asia/Shanghai)", example = "Asia/Shanghai") String zone) {

    public enum Kind {
        NOW, AT, LOCAL_TIME, CRON
    }
}
