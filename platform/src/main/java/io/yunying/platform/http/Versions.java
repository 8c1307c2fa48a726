package io.yunying.platform.http;

import io.yunying.platform.problem.ProblemException;
import jakarta.ws.rs.core.EntityTag;

import java.util.List;
import java.util.Map;

/** Optimistic locking over HTTP: a row's {@code version} as its ETag, and the version an {@code If-Match} names. */
public final class Versions {

    private Versions() {
    }

    public static EntityTag etag(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** The version an {@code If-Match} header names, or null when absent; a malformed value is a 400. */
    public static Long ifMatch(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String v = header.strip();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        v = v.replace("\"", "");
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("If-Match", "must be an ETag this service issued, such as \"3\"");
        }
    }

    /** Like {@link #ifMatch}, but a missing header is a 428: edits must say which version they change. */
    public static long requireIfMatch(String header) {
        Long version = ifMatch(header);
        if (version == null) {
            throw new ProblemException(428, "precondition-required", "Precondition required",
                    "send If-Match with the ETag you read, so an edit cannot overwrite a change you have not seen");
        }
        return version;
    }

    /** 412 when the caller's version is not the current one. */
    public static void check(Long expected, long current) {
        if (expected != null && expected != current) {
            throw new ProblemException(412, "stale-version", "Precondition failed",
                    "changed since you read it (version " + current + ", you sent " + expected + ")",
                    List.of(), Map.of("currentVersion", current));
        }
    }
}
