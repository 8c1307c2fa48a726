package io.yunying.community.trend;

import java.text.Normalizer;
import java.util.Locale;

/** The one spelling of a topic: NFKC (full-width folds to half-width), trimmed, lower case, as hashtags are stored. */
public final class Topics {

    public static final int MAX_LENGTH = 64;

    private Topics() {
    }

    public static String normalise(String raw) {
        if (raw == null) {
            return "";
        }
        // NFKC leaves ASCII as it is; most tags are ASCII and skip the normaliser
        String folded = isAscii(raw) ? raw : Normalizer.normalize(raw, Normalizer.Form.NFKC);
        return folded.strip().toLowerCase(Locale.ROOT);
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    /** A normalised topic of 1..64 characters without '#' or control characters; null when it is not one. */
    public static String valid(String raw) {
        String topic = normalise(raw);
        if (topic.isEmpty() || topic.length() > MAX_LENGTH) {
            return null;
        }
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            if (c == '#' || Character.isISOControl(c)) {
                return null;
            }
        }
        return topic;
    }
}
