package io.yunying.push.support;

import io.yunying.platform.problem.ProblemException;

/** Optimistic locking: the version a client expects, from its If-Match header (null when none was sent). */
public final class Versions {

    private Versions() {
    }

    public static Long of(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(ifMatch.replace("W/", "").replace("\"", "").trim());
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("If-Match", "an ETag this service issued, such as \"3\"");
        }
    }
}
