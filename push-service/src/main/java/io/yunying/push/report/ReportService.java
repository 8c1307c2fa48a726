package io.yunying.push.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.yunying.platform.problem.ProblemException;
import io.yunying.push.journey.JourneyService;
import io.yunying.push.journey.JourneyView;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.yunying.push.report.Significance.rate;

@ApplicationScoped
public class ReportService {

    private static final List<String> STATUSES = List.of("PENDING", "SENT", "FAILED", "DROPPED", "CANCELLED");

    private final ReportRepository reports;
    private final JourneyService journeys;

    public ReportService(ReportRepository reports, JourneyService journeys) {
        this.reports = reports;
        this.journeys = journeys;
    }

    public Uni<CampaignReport> campaign(String ref) {
        UUID id = uuid(ref);
        return reports.campaign(id).onItem().ifNull().failWith(() -> ProblemException.notFound("campaign", ref))
                .flatMap(c -> Uni.combine().all().unis(
                                reports.runs(id),
                                reports.variants(id, c.goalEvent(), c.goalWindowHours()),
                                reports.holdout(id, c.goalEvent(), c.goalWindowHours()),
                                reports.statuses("CAMPAIGN", new UUID[]{id}),
                                reports.series(id))
                        .asTuple()
                        .map(t -> {
                            boolean goal = c.goalEvent() != null;
                            ReportRepository.GroupRow holdout = t.getItem3();
                            List<CampaignReport.Group> groups = new ArrayList<>();
                            for (ReportRepository.GroupRow v : t.getItem2()) {
                                CampaignReport.Uplift uplift = goal && holdout.audience() > 0
                                        ? Significance.uplift(v.converted(), v.sent(), holdout.converted(), holdout.audience()) : null;
                                groups.add(new CampaignReport.Group(v.group(), false, v.audience(), v.sent(), v.delivered(), v.opened(),
                                        v.clicked(), goal ? v.converted() : null,
                                        new CampaignReport.Rates(rate(v.sent(), v.audience()), rate(v.delivered(), v.sent()),
                                                rate(v.opened(), v.sent()), rate(v.clicked(), v.sent()), rate(v.clicked(), v.opened()),
                                                goal ? rate(v.converted(), v.sent()) : null),
                                        uplift));
                            }
                            if (holdout.audience() > 0) {
                                groups.add(new CampaignReport.Group("holdout", true, holdout.audience(), 0, 0, 0, 0,
                                        goal ? holdout.converted() : null,
                                        new CampaignReport.Rates(null, null, null, null, null, goal ? rate(holdout.converted(), holdout.audience()) : null),
                                        null));
                            }
                            Map<String, Long> statuses = statusCounts(t.getItem4());
                            return new CampaignReport(
                                    new CampaignReport.CampaignInfo(c.id(), c.key(), c.name(), c.status(), c.goalEvent(), c.goalWindowHours()),
                                    t.getItem1(), groups, statuses, reasons(t.getItem4(), "FAILED"), reasons(t.getItem4(), "DROPPED"),
                                    t.getItem5().stream().map(h -> new CampaignReport.HourPoint(h.hour(), h.sent(), h.opened(), h.clicked())).toList());
                        }));
    }

    public Uni<JourneyReport> journey(String ref) {
        return journeys.get(ref).flatMap(j -> {
            List<JsonNode> steps = new ArrayList<>();
            j.steps().forEach(steps::add);
            UUID[] ids = steps.stream().map(s -> UUID.fromString(s.get("id").asText())).toArray(UUID[]::new);
            return Uni.combine().all().unis(
                            reports.journeyTotals(j.id(), j.goalEvent(), j.goalWindowHours()),
                            reports.exitReasons(j.id()),
                            reports.stepTotals(j.id()),
                            reports.statuses("JOURNEY", ids),
                            reports.sendSteps(ids, j.goalEvent(), j.goalWindowHours()))
                    .asTuple()
                    .map(t -> build(j, steps, t.getItem1(), t.getItem2(), t.getItem3(), t.getItem4(), t.getItem5()));
        });
    }

    private JourneyReport build(JourneyView j, List<JsonNode> steps, long[] totals, List<ReportRepository.StatusRow> exits,
                                Map<String, long[]> stepTotals, List<ReportRepository.StatusRow> statuses,
                                List<ReportRepository.GroupRow> sends) {
        boolean goal = j.goalEvent() != null;
        Map<String, Long> exited = new LinkedHashMap<>();
        exits.forEach(e -> exited.put(e.reason(), e.count()));
        List<JourneyReport.StepFigures> figures = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            JsonNode step = steps.get(i);
            String id = step.get("id").asText();
            String type = step.get("type").asText();
            long[] totalsOfStep = stepTotals.getOrDefault(step.get("key").asText(), new long[4]);
            boolean send = type.equals("send");
            boolean condition = type.equals("condition");
            ReportRepository.GroupRow s = sends.stream().filter(g -> g.group().equals(id)).findFirst()
                    .orElse(new ReportRepository.GroupRow(id, 0, 0, 0, 0, 0, 0));
            figures.add(new JourneyReport.StepFigures(UUID.fromString(id), step.get("key").asText(), type,
                    totalsOfStep[0], totalsOfStep[1],
                    send ? statusCounts(statuses.stream().filter(r -> r.group().equals(id)).toList()) : null,
                    send ? s.sent() : null, send ? s.delivered() : null, send ? s.opened() : null, send ? s.clicked() : null,
                    send && goal ? s.converted() : null,
                    condition ? totalsOfStep[2] : null, condition ? totalsOfStep[3] : null));
        }
        return new JourneyReport(j.id(), j.key(), j.name(), j.status(), j.goalEvent(), j.goalWindowHours(),
                totals[0], totals[1], totals[2], exited, goal ? totals[3] : null, goal ? rate(totals[3], totals[0]) : null, figures);
    }

    private static Map<String, Long> statusCounts(List<ReportRepository.StatusRow> rows) {
        Map<String, Long> counts = new LinkedHashMap<>();
        STATUSES.forEach(s -> counts.put(s, 0L));
        rows.forEach(r -> counts.merge(r.status(), r.count(), Long::sum));
        return counts;
    }

    private static List<CampaignReport.ReasonCount> reasons(List<ReportRepository.StatusRow> rows, String status) {
        Map<String, Long> byReason = new LinkedHashMap<>();
        rows.stream().filter(r -> r.status().equals(status))
                .forEach(r -> byReason.merge(r.reason() == null ? "unknown" : r.reason(), r.count(), Long::sum));
        return byReason.entrySet().stream()
                .sorted(Comparator.comparing(Map.Entry<String, Long>::getValue).reversed().thenComparing(Map.Entry::getKey))
                .map(e -> new CampaignReport.ReasonCount(e.getKey(), e.getValue())).toList();
    }

    private static UUID uuid(String ref) {
        try {
            return UUID.fromString(ref);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("id", "a campaign id (UUID)");
        }
    }
}
