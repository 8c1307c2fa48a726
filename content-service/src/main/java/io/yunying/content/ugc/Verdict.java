package io.yunying.content.ugc;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** What the machine check said; UNAVAILABLE when it could not say (down, slow, missing, broken). */
public record Verdict(Kind kind, String reason, String maskedText) {

    public enum Kind { PASS, REVIEW, BLOCK, UNAVAILABLE }

    public static final Verdict UNAVAILABLE = new Verdict(Kind.UNAVAILABLE, null, null);

    /** A flagged PASS still goes to a human: UGC is published automatically only on a clean PASS. */
    static Verdict of(ModerationClient.CheckResponse response) {
        if (response == null || response.decision() == null) {
            return new Verdict(Kind.REVIEW, "the moderation check gave no decision", null);
        }
        List<ModerationClient.Hit> hits = response.hits() == null ? List.of() : response.hits();
        return switch (response.decision().strip().toUpperCase(Locale.ROOT)) {
            case "PASS" -> Boolean.TRUE.equals(response.flagged())
                    ? new Verdict(Kind.REVIEW, "flagged by the moderation check: " + words(hits, null), response.maskedText())
                    : new Verdict(Kind.PASS, null, response.maskedText());
            case "BLOCK" -> new Verdict(Kind.BLOCK, "blocked by the moderation check: " + words(hits, "BLOCK"), response.maskedText());
            default -> new Verdict(Kind.REVIEW, "held by the moderation check: " + words(hits, "REVIEW"), response.maskedText());
        };
    }

    private static String words(List<ModerationClient.Hit> hits, String action) {
        String listed = hits.stream()
                .filter(h -> action == null || action.equalsIgnoreCase(h.action()))
                .map(h -> h.word() + (h.category() == null ? "" : " (" + h.category() + ")"))
                .distinct()
                .collect(Collectors.joining(", "));
        return listed.isEmpty() ? "no details" : listed;
    }
}
