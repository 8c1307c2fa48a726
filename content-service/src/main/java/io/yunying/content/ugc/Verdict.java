package io.yunying.content.ugc;

import java.util.Locale;

/** What the machine check said; UNAVAILABLE when it could not say (down, slow, missing, broken). */
public record Verdict(Kind kind, String reason) {

    public enum Kind { PASS, REVIEW, BLOCK, UNAVAILABLE }

    public static final Verdict UNAVAILABLE = new Verdict(Kind.UNAVAILABLE, null);

    static Verdict of(ModerationClient.CheckResponse response) {
        if (response == null || response.decision() == null) {
            return new Verdict(Kind.REVIEW, "the check gave no decision");
        }
        return switch (response.decision().strip().toUpperCase(Locale.ROOT)) {
            case "PASS", "ALLOW" -> new Verdict(Kind.PASS, response.reason());
            case "BLOCK", "REJECT" -> new Verdict(Kind.BLOCK, response.reason() == null ? "blocked by the moderation check" : response.reason());
            default -> new Verdict(Kind.REVIEW, response.reason());
        };
    }
}
