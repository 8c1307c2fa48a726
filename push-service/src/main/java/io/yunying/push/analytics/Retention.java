package io.yunying.push.analytics;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

/**
 * Cohorts by sign-up day. {@code count} and {@code rate} are null for a day that has not ended yet
 * for that cohort, so a chart shows a gap rather than a fake drop.
 */
@Schema(name = "Retention")
public record Retention(String zone, String mode, String segment, List<Integer> days, List<Cohort> cohorts, List<Point> overall) {

    public record Cohort(LocalDate cohort, long size, List<Point> retained) {
    }

    public record Point(int day, Long count, Double rate) {
    }
}
