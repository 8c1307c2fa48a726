package io.yunying.push.journey;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

/** The journey engine (push.journeys.*). */
@ConfigMapping(prefix = "push.journeys")
public interface JourneyConfig {

    /** How often the engine takes in triggers and moves entries on. */
    Duration tickEvery();

    /** Trigger rows read per journey and statement. */
    int triggerBatch();

    /** Entries moved per step and statement; a step is repeated until it has fewer due. */
    int stepBatch();

    /** A trigger (event, stage change, published content) older than this when read does not make anyone enter. */
    Duration triggerMaxAge();

    /** Inbound events (content.published) are kept this long after receipt, then purged daily. */
    Duration inboundRetention();

    /** When the purge of old inbound events runs (every replica; the deletion is idempotent). */
    String inboundPurgeCron();
}
