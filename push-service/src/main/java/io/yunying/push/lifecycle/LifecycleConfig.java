package io.yunying.push.lifecycle;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

/** The churn-warning lines (流失预警): days without activity before each stage. */
@ConfigMapping(prefix = "push.lifecycle")
public interface LifecycleConfig {

    /** A contact who signed up this recently and is active is new. */
    int newForDays();

    int silentAfterDays();

    int atRiskAfterDays();

    int churnedAfterDays();

    /** A churned contact who comes back stays resurrected this long, then is active. */
    int resurrectedForDays();

    /** At risk when the last 7 days' events fall below this share of the contact's average week in the 4 weeks before. */
    double dropRatio();

    /** The drop rule applies only to contacts whose average week had at least this many events. */
    int dropMinWeeklyBaseline();

    Duration recomputeEvery();
}
