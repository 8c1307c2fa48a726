package io.yunying.content.support;

import jakarta.ws.rs.core.EntityTag;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Validators for read models: a hash of the exact bytes served, so equal bodies share one ETag. */
public final class Etags {

    private Etags() {
    }

    public static EntityTag of(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return new EntityTag(HexFormat.of().formatHex(digest, 0, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static EntityTag of(String body) {
        return of(body.getBytes(StandardCharsets.UTF_8));
    }

    /** True when an {@code If-None-Match} header names the tag (or is {@code *}). */
    public static boolean matches(String ifNoneMatch, EntityTag tag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.strip();
            if (c.equals("*")) {
                return true;
            }
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals("\"" + tag.getValue() + "\"")) {
                return true;
            }
        }
        return false;
    }

    /** The version an {@code If-Match} header names, or null when absent; malformed values are a 400. */
    public static Long version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String v = ifMatch.strip();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        v = v.replace("\"", "");
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw io.yunying.platform.problem.ProblemException.invalid("If-Match", "must be the ETag of the item, such as \"3\"");
        }
    }
}
