package io.yunying.community.trend;

import io.yunying.platform.problem.ProblemException;

import java.time.Duration;

/** The computed lists: rising (decaying burst score), hot over three windows, and emerging phrases. */
public enum TrendList {
    RISING("rising", null),
    HOT_1H("1h", Duration.ofHours(1)),
    HOT_24H("24h", Duration.ofHours(24)),
    HOT_7D("7d", Duration.ofDays(7)),
    EMERGING("emerging", null);

    private final String key;
    private final Duration window;

    TrendList(String key, Duration window) {
        this.key = key;
        this.window = window;
    }

    public String key() {
        return key;
    }

    public Duration window() {
        return window;
    }

    /** The lists of topics (emerging phrases are a list of their own, not topics yet). */
    public static TrendList topicList(String key) {
        if (key == null || key.isBlank()) {
            return RISING;
        }
        for (TrendList list : values()) {
            if (list != EMERGING && list.key.equals(key)) {
                return list;
            }
        }
        throw ProblemException.invalid("window", "one of rising, 1h, 24h, 7d");
    }
}
