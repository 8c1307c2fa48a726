package io.yunying.community.moderation;

import io.yunying.platform.problem.ProblemException;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** What makes a lexicon entry acceptable, and how an accepted entry becomes a matching rule. */
public final class LexiconRules {

    private LexiconRules() {
    }

    /**
     * Rejects entries that would misfire, and returns the entry's normalised key (two spellings of one
     * word share it, so the second is a duplicate).
     */
    public static String validate(EntryKind kind, String pattern) {
        if (kind == EntryKind.REGEX) {
            Pattern compiled;
            try {
                compiled = Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                throw ProblemException.invalid("pattern", "not a valid regular expression: " + e.getDescription()
                        + " near index " + e.getIndex());
            }
            if (compiled.matcher("").matches()) {
                throw ProblemException.invalid("pattern", "a regular expression that matches empty text would hit every post");
            }
            return pattern;
        }
        Normaliser.Normalised normalised = Normaliser.normalise(pattern);
        if (normalised.length() == 0) {
            throw ProblemException.invalid("pattern", "the entry has no letters, digits or ideographs once noise is removed");
        }
        if (normalised.length() == 1) {
            // A one-character entry (傻, or 哈哈 which collapses to 哈) would hit countless innocent texts.
            throw new ProblemException(400, "validation", "Invalid request",
                    "the entry normalises to the single character '" + normalised.text() + "' and would flag innocent text",
                    java.util.List.of(new io.yunying.platform.problem.Problem.FieldError("pattern",
                            "normalises to one character", pattern)),
                    Map.of("normalised", normalised.text()));
        }
        return normalised.key();
    }

    public static Lexicon.Rule rule(String id, EntryKind kind, String pattern, Category category, Action action, int severity) {
        if (kind == EntryKind.REGEX) {
            return new Lexicon.Rule(id, kind, pattern, category, action, severity, new int[0], false,
                    Pattern.compile(pattern, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
        }
        Normaliser.Normalised normalised = Normaliser.normalise(pattern);
        int[] runs = java.util.Arrays.copyOf(normalised.runs(), normalised.length());
        boolean latin = true;
        for (int i = 0; i < normalised.length(); i++) {
            latin &= Lexicon.isLatin(normalised.chars()[i]);
        }
        return new Lexicon.Rule(id, kind, pattern, category, action, severity, runs,
                latin && normalised.key().length() <= 3, null);
    }
}
