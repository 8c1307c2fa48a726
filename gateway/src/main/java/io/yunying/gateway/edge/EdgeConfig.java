package io.yunying.gateway.edge;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Who may pass the gateway to which paths, and how fast. */
@ConfigMapping(prefix = "yunying.gateway.edge")
public interface EdgeConfig {

    /** Checked in order; the first rule whose path and method match decides. No match: 403. */
    List<Rule> rules();

    /** Token buckets by route class ({@code sign-in}, {@code anonymous}, {@code user}...). */
    Map<String, Bucket> rateLimits();

    interface Rule {
        /** A path pattern: {@code *} matches one segment, a trailing {@code /**} any rest (or none). */
        String path();

        /** Methods the rule covers; empty means all. */
        Optional<List<String>> methods();

        /**
         * Roles allowed through; {@code anonymous} lets anyone pass (the service decides),
         * {@code authenticated} any valid token.
         */
        List<String> roles();

        /** The rate-limit class for signed-in callers on this rule. */
        @WithDefault("user")
        String rateClass();
    }

    interface Bucket {
        /** Requests allowed in a burst. */
        int capacity();

        /** Tokens added back per second. */
        double refillPerSecond();
    }
}
