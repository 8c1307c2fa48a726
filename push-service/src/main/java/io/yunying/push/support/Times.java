package io.yunying.push.support;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The reactive PostgreSQL client speaks OffsetDateTime for timestamptz; the features speak Instant. */
public final class Times {

    private Times() {
    }

    public static OffsetDateTime odt(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
