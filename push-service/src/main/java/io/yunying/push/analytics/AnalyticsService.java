package io.yunying.push.analytics;

import io.smallrye.mutiny.Uni;
import io.yunying.platform.problem.ProblemException;
import io.yunying.push.segment.Audience;
import io.yunying.push.segment.SegmentService;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class AnalyticsService {

    private static final int MAX_RANGE_DAYS = 366;

    private final AnalyticsRepository analytics;
    private final SegmentService segments;
    private final Clock clock;

    public AnalyticsService(AnalyticsRepository analytics, SegmentService segments, Clock clock) {
        this.analytics = analytics;
        this.segments = segments;
        this.clock = clock;
    }

    public Uni<ActiveUsers> active(String from, String to, String zone) {
        ZoneId z = zone(zone);
        LocalDate[] range = range(from, to, z);
        return analytics.active(range[0], range[1], z.getId()).map(days -> new ActiveUsers(z.getId(), days));
    }

    public Uni<Retention> retention(String from, String to, String zone, String days, String mode, String segment) {
        ZoneId z = zone(zone);
        LocalDate[] range = range(from, to, z);
        Integer[] offsets = offsets(days);
        boolean bounded = mode == null || mode.equals("bounded");
        if (!bounded && !mode.equals("unbounded")) {
            throw ProblemException.invalid("mode", "bounded (active on day N) or unbounded (active on day N or later)");
        }
        LocalDate today = clock.instant().atZone(z).toLocalDate();
        LocalDate lastDay = bounded ? range[1].plusDays(offsets[offsets.length - 1] + 1L)
                : clock.instant().atZone(ZoneOffset.UTC).toLocalDate().plusDays(1);
        return members(segment, 5)
                .flatMap(members -> analytics.retention(range[0], range[1], z.getId(), offsets, bounded, lastDay, members))
                .map(rows -> {
                    Map<LocalDate, List<Retention.Point>> points = new LinkedHashMap<>();
                    Map<LocalDate, Long> sizes = new LinkedHashMap<>();
                    long[] retainedTotal = new long[offsets.length];
                    long[] sizeTotal = new long[offsets.length];
                    for (AnalyticsRepository.RetentionRow row : rows) {
                        sizes.put(row.cohort(), row.size());
                        int index = Arrays.asList(offsets).indexOf(row.day());
                        // day N is known once it has ended in the chosen zone
                        boolean known = row.cohort().plusDays(row.day()).isBefore(today);
                        if (known) {
                            retainedTotal[index] += row.retained();
                            sizeTotal[index] += row.size();
                        }
                        points.computeIfAbsent(row.cohort(), k -> new ArrayList<>()).add(known
                                ? new Retention.Point(row.day(), row.retained(), rate(row.retained(), row.size()))
                                : new Retention.Point(row.day(), null, null));
                    }
                    List<Retention.Cohort> cohorts = new ArrayList<>();
                    points.forEach((day, list) -> cohorts.add(new Retention.Cohort(day, sizes.get(day), list)));
                    List<Retention.Point> overall = new ArrayList<>();
                    for (int i = 0; i < offsets.length; i++) {
                        overall.add(sizeTotal[i] == 0 ? new Retention.Point(offsets[i], null, null)
                                : new Retention.Point(offsets[i], retainedTotal[i], rate(retainedTotal[i], sizeTotal[i])));
                    }
                    return new Retention(z.getId(), bounded ? "bounded" : "unbounded", segment, List.of(offsets), cohorts, overall);
                });
    }

    public Uni<Funnel> funnel(FunnelRequest request) {
        if (!request.to().isAfter(request.from())) {
            throw ProblemException.invalid("to", "must be after from");
        }
        if (Duration.between(request.from(), request.to()).toDays() > MAX_RANGE_DAYS) {
            throw ProblemException.invalid("to", "a funnel covers at most " + MAX_RANGE_DAYS + " days");
        }
        List<String> steps = request.steps().stream().map(FunnelRequest.Step::event).toList();
        return members(request.segment(), 3 + steps.size())
                .flatMap(members -> analytics.funnel(steps, request.from(), request.to(), request.windowHours() * 3600, members))
                .map(counts -> {
                    List<Funnel.Step> list = new ArrayList<>();
                    for (int i = 0; i < counts.size(); i++) {
                        list.add(new Funnel.Step(i + 1, steps.get(i), counts.get(i), rate(counts.get(i), counts.get(0)),
                                i == 0 ? 1.0 : rate(counts.get(i), counts.get(i - 1))));
                    }
                    return new Funnel(list, rate(counts.get(counts.size() - 1), counts.get(0)), request.windowHours());
                });
    }

    /** A segment's members (stored when materialised, evaluated now when live), or null for everyone. */
    private Uni<Audience> members(String segment, int paramOffset) {
        if (segment == null || segment.isBlank()) {
            return Uni.createFrom().nullItem();
        }
        return segments.members(segment, "segment", paramOffset);
    }

    private static double rate(long part, long whole) {
        return whole == 0 ? 0.0 : Math.round(part * 10000.0 / whole) / 10000.0;
    }

    private static ZoneId zone(String zone) {
        try {
            return ZoneId.of(zone == null || zone.isBlank() ? "Asia/Shanghai" : zone);
        } catch (DateTimeException e) {
            throw ProblemException.invalid("zone", "an IANA time zone id such as Asia/Shanghai");
        }
    }

    private LocalDate[] range(String from, String to, ZoneId zone) {
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        LocalDate end = to == null ? today : date("to", to);
        LocalDate start = from == null ? end.minusDays(29) : date("from", from);
        if (start.isAfter(end)) {
            throw ProblemException.invalid("from", "must not be after to");
        }
        if (ChronoUnit.DAYS.between(start, end) >= MAX_RANGE_DAYS) {
            throw ProblemException.invalid("to", "a range covers at most " + MAX_RANGE_DAYS + " days");
        }
        return new LocalDate[]{start, end};
    }

    private static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "a date such as 2026-04-01");
        }
    }

    private static Integer[] offsets(String days) {
        if (days == null || days.isBlank()) {
            return new Integer[]{1, 7, 30};
        }
        try {
            Integer[] offsets = Arrays.stream(days.split(",")).map(String::trim).map(Integer::valueOf).distinct().sorted().toArray(Integer[]::new);
            if (offsets.length == 0 || offsets.length > 30 || offsets[0] < 1 || offsets[offsets.length - 1] > 365) {
                throw new NumberFormatException();
            }
            return offsets;
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("days", "up to 30 comma-separated days from 1 to 365, such as 1,7,30");
        }
    }
}
