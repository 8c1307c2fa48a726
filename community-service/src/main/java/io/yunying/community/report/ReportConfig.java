package io.yunying.community.report;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "yunying.community.reports")
public interface ReportConfig {

    /** Summed reporter weights at which a published post is hidden pending review. */
    @WithDefault("3.0")
    double hideThreshold();

    /** Reports one member may file per hour; beyond it the flood is refused with 429. */
    @WithDefault("10")
    int perHour();
}
