package io.yunying.push.segment;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

@ConfigMapping(prefix = "push.segments")
public interface SegmentConfig {

    /** How often materialised memberships are recomputed. */
    Duration refreshEvery();
}
