package io.yunying.community.review;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "yunying.community.review")
public interface ReviewConfig {

    /** How long a claim keeps other moderators off an item; an abandoned claim frees itself. */
    @WithDefault("10m")
    Duration claimLease();

    /** How often open items are rescored for strikes that decayed (other input changes rescore at once). */
    @WithDefault("1m")
    Duration rescoreEvery();
}
