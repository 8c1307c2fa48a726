package io.yunying.push.support;

import io.yunying.platform.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque keyset cursors: the position is the last row's sequence number, so a page stays stable while
 * rows are inserted before or after it.
 */
public final class Cursor {

    private Cursor() {
    }

    public static String encode(long position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("p" + position).getBytes(StandardCharsets.UTF_8));
    }

    /** The position after which the page starts; 0 when there is no cursor. */
    public static long decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!raw.startsWith("p")) {
                throw new IllegalArgumentException();
            }
            return Long.parseLong(raw.substring(1));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("cursor", "not a cursor this service issued");
        }
    }

    public static int limit(Integer requested) {
        if (requested == null) {
            return 50;
        }
        if (requested < 1 || requested > 500) {
            throw ProblemException.invalid("limit", "must be between 1 and 500");
        }
        return requested;
    }
}
