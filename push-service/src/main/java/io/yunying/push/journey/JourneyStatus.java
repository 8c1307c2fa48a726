package io.yunying.push.journey;

import java.util.Locale;
import java.util.Set;

/** draft → active ⇄ paused; any but archived → archived, which is final. */
enum JourneyStatus {
    DRAFT, ACTIVE, PAUSED, ARCHIVED;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    boolean canBecome(JourneyStatus next) {
        Set<JourneyStatus> allowed = switch (this) {
            case DRAFT -> Set.of(ACTIVE, ARCHIVED);
            case ACTIVE -> Set.of(PAUSED, ARCHIVED);
            case PAUSED -> Set.of(ACTIVE, ARCHIVED);
            case ARCHIVED -> Set.of();
        };
        return allowed.contains(next);
    }
}
