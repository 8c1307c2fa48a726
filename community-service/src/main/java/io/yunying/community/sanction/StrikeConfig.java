package io.yunying.community.sanction;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

@ConfigMapping(prefix = "yunying.community.strikes")
public interface StrikeConfig {

    /** How long a strike counts; after that it decays and no longer raises the next sanction. */
    @WithDefault("90d")
    Duration decay();

    /**
     * The graduated sanction for the n-th live strike, mildest first: {@code TYPE} or {@code TYPE duration}
     * ({@code 30m}, {@code 24h}, {@code 7d}); a BAN without duration is permanent. Strikes beyond the last
     * step get the last step.
     */
    @WithDefault("WARN,MUTE 24h,SUSPEND 7d,BAN")
    List<String> ladder();
}
