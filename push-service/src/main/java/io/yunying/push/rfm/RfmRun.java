package io.yunying.push.rfm;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

@Schema(name = "RfmRun")
public record RfmRun(@Schema(description = "contacts with a purchase in the window, now scored") long scored,
                     @Schema(description = "stored scores that changed: new buyers, changed values, buyers who left the window") long changed,
                     int windowDays, Instant computedAt) {
}
