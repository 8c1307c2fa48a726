package io.yunying.push.event;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "push.events")
public interface EventConfig {

    /** Raw events older than this many days are purged. */
    int retentionDays();

    int maxBatch();

    /** When the purge runs (Quartz cron). */
    String purgeCron();
}
