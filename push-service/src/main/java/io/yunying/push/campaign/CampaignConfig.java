package io.yunying.push.campaign;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "push.campaigns")
public interface CampaignConfig {

    /** How often due campaign runs are looked for. */
    @WithDefault("15s")
    String tick();

    /** The zone a cron schedule is read in when the campaign names none. */
    @WithDefault("Asia/Shanghai")
    String defaultZone();

    /**
     * Statements (and connections) one run's fan-out is split into by contact ranges; each range is its
     * own transaction. 1 = one statement in the transaction that holds the campaign row.
     */
    @WithDefault("2")
    int fanOutParallelism();
}
