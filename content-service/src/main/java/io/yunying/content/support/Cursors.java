package io.yunying.content.support;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.yunying.platform.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque keyset cursors: the sort key of the last row a client saw, so the next page starts right after
 * it with an index range scan instead of an OFFSET, and rows inserted meanwhile cannot shift the pages.
 */
public final class Cursors {

    private Cursors() {
    }

    public static String encode(Object... key) {
        JsonArray values = new JsonArray();
        for (Object k : key) {
            values.add(k == null ? null : k.toString());
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(values.encode().getBytes(StandardCharsets.UTF_8));
    }

    /** The key of a cursor, checked to have the expected number of parts; anything else is a 400. */
    public static JsonArray decode(String cursor, int parts) {
        try {
            JsonArray key = new JsonArray(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
            if (key.size() != parts) {
                throw invalid();
            }
            return key;
        } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
            throw invalid();
        }
    }

    public static int limit(Integer requested, int fallback, int max) {
        if (requested == null) {
            return fallback;
        }
        if (requested < 1 || requested > max) {
            throw ProblemException.invalid("limit", "must be between 1 and " + max);
        }
        return requested;
    }

    private static ProblemException invalid() {
        return ProblemException.invalid("cursor", "not a cursor this endpoint issued");
    }
}
