package io.yunying.push.rfm;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "push.rfm")
public interface RfmConfig {

    /** Purchases in this many days before now count. */
    int windowDays();

    /** When the daily recompute runs (Quartz cron). */
    String recomputeCron();
}
