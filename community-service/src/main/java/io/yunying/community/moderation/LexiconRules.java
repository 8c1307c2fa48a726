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
            String slow = backtrackingProbe(Pattern.compile(pattern, FLAGS), pattern);
            if (slow != null) {
                throw ProblemException.invalid("pattern", "the regular expression backtracks out of control on input such as '"
                        + slow + "' (more than the check's step budget for " + PROBE_LENGTH + " characters); bound nested or "
                        + "open repetition, e.g. \\w{1,64} for \\w+ and .{0,20} for .*");
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

    static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    /**
     * Length of the save-time probe inputs. Each may cost what the check allows a text of its length, so a
     * rule whose cost grows faster than the text (nested or open repetition followed by more pattern) is
     * refused before it can slow the check down.
     */
    static final int PROBE_LENGTH = 1024;
    private static final String PROBE_SEEDS = "aA01 _.-@x中";
    private static final String[] PROBE_TAILS = {"!", "", "\n"};

    /** Step budget of one regex rule on one text at check time: linear in the text, with room for ordinary backtracking. */
    static long regexBudget(int length) {
        return 100_000L + 200L * length;
    }

    /**
     * Runs the pattern against adversarial inputs (runs of each character the pattern names, and of common
     * characters, alone and in pairs, after an optional one-character prefix, with a tail that fails the
     * match) under a step budget. A heuristic: the check's own per-text budget is what bounds the patterns
     * it misses. Returns the
     * first input that exhausts it, or null when the pattern stays within the budget on all of them.
     */
    static String backtrackingProbe(Pattern compiled, String source) {
        java.util.Set<String> seeds = new java.util.LinkedHashSet<>();
        for (char c : (source + PROBE_SEEDS).toCharArray()) {
            if (!Character.isISOControl(c) && "\\()[]{}*+?|^$".indexOf(c) < 0) {
                seeds.add(String.valueOf(c));
            }
        }
        java.util.List<String> singles = java.util.List.copyOf(seeds).subList(0, Math.min(seeds.size(), 10));
        for (String a : singles) {
            for (String b : singles) {
                seeds.add(a + b);
            }
        }
        java.util.List<String> prefixes = new java.util.ArrayList<>(singles);
        prefixes.add(0, "");
        for (String prefix : prefixes) {
            for (String seed : prefix.isEmpty() ? seeds : singles) {
                String run = seed.repeat(PROBE_LENGTH / seed.length());
                for (String tail : PROBE_TAILS) {
                    String input = prefix + run + tail;
                    try {
                        compiled.matcher(new BoundedText(input, regexBudget(input.length()))).find();
                    } catch (BoundedText.Exhausted e) {
                        return prefix + seed.repeat(Math.min(8, PROBE_LENGTH / seed.length())) + "…" + tail;
                    }
                }
            }
        }
        return null;
    }

    public static Lexicon.Rule rule(String id, EntryKind kind, String pattern, Category category, Action action, int severity) {
        if (kind == EntryKind.REGEX) {
            return new Lexicon.Rule(id, kind, pattern, category, action, severity, new int[0], false,
                    Pattern.compile(pattern, FLAGS));
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
