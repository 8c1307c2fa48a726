package io.yunying.push.support;

import io.yunying.platform.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque cursors over lists ordered by a unique key. */
public final class KeyCursor {

    private KeyCursor() {
    }

    public static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("k" + key).getBytes(StandardCharsets.UTF_8));
    }

    /** The key after which the page starts; "" when there is no cursor. */
    public static String decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return "";
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (raw.startsWith("k")) {
                return raw.substring(1);
            }
        } catch (IllegalArgumentException e) {
            // falls through to the same answer as any other foreign cursor
        }
        throw ProblemException.invalid("cursor", "not a cursor this service issued");
    }
}
