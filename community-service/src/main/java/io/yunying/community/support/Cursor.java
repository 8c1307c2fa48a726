package io.yunying.community.support;

import io.yunying.platform.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * An opaque keyset cursor: the sort position (a timestamp or a score) and the id of the last item
 * returned. Keyset rather than offset, so a page stays stable while new items arrive.
 */
public record Cursor(String position, UUID id) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public static Cursor parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
            int bar = decoded.lastIndexOf('|');
            return new Cursor(decoded.substring(0, bar), UUID.fromString(decoded.substring(bar + 1)));
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw ProblemException.invalid("cursor", "not a cursor this service issued");
        }
    }

    public static String of(Object position, UUID id) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((position + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    public Instant instant() {
        try {
            return Instant.parse(position);
        } catch (RuntimeException e) {
            throw ProblemException.invalid("cursor", "not a cursor this service issued");
        }
    }

    public double number() {
        try {
            return Double.parseDouble(position);
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("cursor", "not a cursor this service issued");
        }
    }

    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw ProblemException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return requested;
    }
}
