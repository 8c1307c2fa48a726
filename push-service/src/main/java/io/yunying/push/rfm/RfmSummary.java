package io.yunying.push.rfm;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** Shaped for charts: a bar per named group and a heat map of recency against frequency-monetary. */
@Schema(name = "RfmSummary")
public record RfmSummary(long scored, Instant computedAt, List<Group> groups, List<Cell> grid) {

    public record Group(String group, long contacts, double share) {
    }

    @Schema(description = "contacts with recency score r and FM score fm (rounded mean of frequency and monetary)")
    public record Cell(int r, int fm, long contacts) {
    }
}
