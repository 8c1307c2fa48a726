package io.yunying.push.lifecycle;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

@Schema(name = "LifecycleLines", description = "The lines every replica uses from its next recompute on")
public record LinesView(int newForDays, int silentAfterDays, int atRiskAfterDays, int churnedAfterDays, int resurrectedForDays,
                        double dropRatio, int dropMinWeeklyBaseline,
                        @Schema(description = "the ETag; 0 while the configured defaults apply") long version,
                        @Schema(description = "who set them last; null for the configured defaults") String updatedBy,
                        Instant updatedAt) {

    static LinesView of(LifecycleLines l, long version, String updatedBy, Instant updatedAt) {
        return new LinesView(l.newForDays(), l.silentAfterDays(), l.atRiskAfterDays(), l.churnedAfterDays(), l.resurrectedForDays(),
                l.dropRatio(), l.dropMinWeeklyBaseline(), version, updatedBy, updatedAt);
    }

    LifecycleLines lines() {
        return new LifecycleLines(newForDays, silentAfterDays, atRiskAfterDays, churnedAfterDays, resurrectedForDays, dropRatio,
                dropMinWeeklyBaseline);
    }
}
