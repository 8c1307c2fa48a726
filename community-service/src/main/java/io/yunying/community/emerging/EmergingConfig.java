package io.yunying.community.emerging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Emerging-phrase discovery (README, "Hot topics"). */
@ConfigMapping(prefix = "yunying.community.emerging")
public interface EmergingConfig {

    /** Resolution of phrase counts. */
    @WithDefault("10m")
    Duration bucket();

    /** The recent window whose distinct authors per phrase are tested for a burst. */
    @WithDefault("1h")
    Duration window();

    /** The history before the window the expectation comes from. */
    @WithDefault("24h")
    Duration baseline();

    /** A phrase needs at least this many distinct authors in the window. */
    @WithDefault("5")
    int minSupport();

    /** Burst score a phrase must reach: (observed − expected) / √(expected + 1). */
    @WithDefault("4.0")
    double minScore();

    /** A phrase inside a surfaced longer one is dropped when the longer one has at least this share of its authors. */
    @WithDefault("0.8")
    double containment();

    /** Phrases kept in the list. */
    @WithDefault("50")
    int listSize();
}
