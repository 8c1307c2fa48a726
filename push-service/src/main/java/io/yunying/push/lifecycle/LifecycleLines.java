package io.yunying.push.lifecycle;

/** The churn-warning lines a recompute classifies by: from the runtime setting, else from configuration. */
public record LifecycleLines(int newForDays, int silentAfterDays, int atRiskAfterDays, int churnedAfterDays,
                             int resurrectedForDays, double dropRatio, int dropMinWeeklyBaseline) {

    static LifecycleLines of(LifecycleConfig c) {
        return new LifecycleLines(c.newForDays(), c.silentAfterDays(), c.atRiskAfterDays(), c.churnedAfterDays(),
                c.resurrectedForDays(), c.dropRatio(), c.dropMinWeeklyBaseline());
    }
}
