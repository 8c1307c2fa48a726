package io.yunying.content.support;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ConfigMapping(prefix = "content")
public interface ContentConfig {

    Revisions revisions();

    Review review();

    Ugc ugc();

    Schedule schedule();

    Feed feed();

    Ranking ranking();

    Outbox outbox();

    interface Revisions {
        /** Revisions kept per item; older ones are pruned on save (the live revision is always kept). */
        @WithDefault("20")
        int cap();
    }

    interface Review {
        /** How long a claim holds an item for one reviewer before it returns to the queue. */
        @WithDefault("PT15M")
        Duration lease();

        /** UGC has no editor to schedule it, so an approved UGC item goes live at once. */
        @WithDefault("true")
        boolean publishUgcOnApprove();
    }

    interface Ugc {
        /** Submissions one app user may make per window. */
        @WithDefault("10")
        int rateLimit();

        @WithDefault("PT1H")
        Duration rateWindow();

        /** Authors whose UGC is published without human review when the moderation check passes. */
        Optional<List<String>> trustedAuthors();
    }

    interface Schedule {
        /** Items published per statement; a run repeats until nothing is due. */
        @WithDefault("2000")
        int batchSize();
    }

    interface Feed {
        @WithDefault("20")
        int defaultLimit();

        @WithDefault("100")
        int maxLimit();

        /** Cache-Control max-age of feed pages: the ranking changes in batches, not per request. */
        @WithDefault("15")
        int maxAgeSeconds();

        /** How long a replica reuses a rendered page; PT0S turns the cache off. */
        @WithDefault("PT1S")
        Duration cacheTtl();
    }

    interface Ranking {
        /** Exponent of the age penalty: score = points / (ageHours + 2)^gravity. */
        @WithDefault("1.8")
        double gravity();

        /** Items older than this rank by recency only (score 0). */
        @WithDefault("P7D")
        Duration cutoff();

        /** A replica skips its scheduled run when another one ran within this time (keeps one generation per period). */
        @WithDefault("PT2M")
        Duration minInterval();
    }

    interface Outbox {
        /** Who receives the outbox's events, by name; each one is delivered to independently. */
        Map<String, Subscriber> subscribers();

        /** Events sent to one subscriber per request. */
        @WithDefault("200")
        int batchSize();

        /** The longest wait between two attempts at a subscriber that keeps failing (2, 4, 8... seconds before). */
        @WithDefault("PT5M")
        Duration maxBackoff();

        interface Subscriber {
            /** Base URL of the subscribing service. */
            URI url();

            /** Its event intake: POST, a JSON array of events, a service token, de-duplication by event id. */
            String path();

            @WithDefault("true")
            boolean enabled();

            /** How long one delivery may take before it counts as failed. */
            @WithDefault("PT10S")
            Duration timeout();
        }
    }
}
