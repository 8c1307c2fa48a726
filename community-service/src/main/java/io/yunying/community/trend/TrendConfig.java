package io.yunying.community.trend;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Hot-topic tracking: buckets, windows, cadences and the thresholds of the scores (README, "Hot topics"). */
@ConfigMapping(prefix = "yunying.community.trends")
public interface TrendConfig {

    /** Width of a signal bucket: the resolution of distinct-user counts and of the rising window. */
    @WithDefault("1m")
    Duration bucket();

    /** How often the background job recomputes the rising list (every replica tries; one holds the lock). */
    @WithDefault("2s")
    String recomputeEvery();

    /** How often the slower parts run: hot lists, baselines, emerging phrases, roll-up and retention. */
    @WithDefault("30s")
    Duration slowEvery();

    /** Topics a computed list keeps (guidance then removes blocked and held ones and inserts pins). */
    @WithDefault("200")
    int listSize();

    /** Fewer distinct users than this and a topic is in no list: one user, however busy, never trends. */
    @WithDefault("3")
    int minUsers();

    Rising rising();

    Gate gate();

    PublicList publicList();

    Retention retention();

    interface Rising {
        /** The current window whose distinct users are compared with the expectation. */
        @WithDefault("15m")
        Duration window();

        /** The history before the window that the expectation is drawn from. */
        @WithDefault("6h")
        Duration baseline();

        /** Floor of the expected users per window, so a topic without history does not divide by zero. */
        @WithDefault("1.0")
        double minExpected();

        /** A rising score halves every half-life once the burst is over. */
        @WithDefault("2h")
        Duration halfLife();

        /** A decayed score below this leaves the rising list. */
        @WithDefault("1.0")
        double dropBelow();
    }

    interface Gate {
        /** Public positions 1..rank show approved (or pinned) topics only; an unapproved topic that would enter is held. 0 turns the gate off. */
        @WithDefault("10")
        int rank();
    }

    interface PublicList {
        /** How long a replica serves the public list from memory (and the Cache-Control max-age). */
        @WithDefault("2s")
        Duration cacheTtl();

        @WithDefault("20")
        int defaultLimit();

        @WithDefault("50")
        int maxLimit();
    }

    interface Retention {
        /** Minute counters older than this are rolled up into hours. */
        @WithDefault("2h")
        Duration minutes();

        /** Hour counters, users' latest activity and event ids older than this are deleted. */
        @WithDefault("8d")
        Duration history();
    }
}
