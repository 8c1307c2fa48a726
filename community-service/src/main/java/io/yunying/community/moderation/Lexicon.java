package io.yunying.community.moderation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One immutable version of the lexicon, compiled for matching. A check runs entirely against one
 * snapshot, so swapping the snapshot reference is what makes a lexicon change atomic.
 */
public final class Lexicon {

    /** A compiled lexicon entry. {@code runs} is the repeat count of each normalised character. */
    public record Rule(String id, EntryKind kind, String pattern, Category category, Action action, int severity,
                       int[] runs, boolean needsWordBoundary, Pattern regex) {
    }

    /** One occurrence in the original text; {@code start}/{@code end} are UTF-16 offsets, end exclusive. */
    public record Hit(String ruleId, String word, Category category, Action action, int severity, int start, int end,
                      String text) {
    }

    public record Result(Decision decision, boolean flagged, String maskedText, List<Hit> hits, List<String> ruleIds,
                         int severity) {
    }

    private static final Lexicon EMPTY = new Lexicon(-1, List.of(), List.of());

    private final long version;
    private final List<Rule> words;
    private final List<Rule> regexes;
    private final Automaton automaton;

    private Lexicon(long version, List<Rule> words, List<Rule> regexes) {
        this.version = version;
        this.words = words;
        this.regexes = regexes;
        this.automaton = new Automaton(words.stream().map(r -> Normaliser.normalise(r.pattern()).text()).toList());
    }

    public static Lexicon empty() {
        return EMPTY;
    }

    /** Compiles entries; every entry must already have passed {@link LexiconRules#validate}. */
    public static Lexicon compile(long version, List<Rule> rules) {
        List<Rule> words = new ArrayList<>();
        List<Rule> regexes = new ArrayList<>();
        for (Rule rule : rules) {
            (rule.kind() == EntryKind.REGEX ? regexes : words).add(rule);
        }
        return new Lexicon(version, List.copyOf(words), List.copyOf(regexes));
    }

    public long version() {
        return version;
    }

    public int size() {
        return words.size() + regexes.size();
    }

    public Result check(String text, int maxLinks) {
        return check(text, maxLinks, false);
    }

    /**
     * The full check. {@code strict} (a context the operators marked strict) makes FLAG hits hold the text
     * for review instead of publishing it.
     */
    public Result check(String text, int maxLinks, boolean strict) {
        Normaliser.Normalised normalised = Normaliser.normalise(text);
        List<int[]> found = new ArrayList<>();
        List<int[]> allowed = new ArrayList<>();
        automaton.scan(normalised.chars(), normalised.length(), (p, from, to) -> {
            Rule rule = words.get(p);
            if (!repeatsFit(rule, normalised, from) || !boundaryFits(rule, normalised, from, to)) {
                return;
            }
            (rule.kind() == EntryKind.ALLOW ? allowed : found).add(new int[]{p, from, to});
        });

        List<Hit> hits = new ArrayList<>();
        for (int[] f : found) {
            if (coveredByAllowed(f, allowed)) {
                continue;
            }
            Rule rule = words.get(f[0]);
            int start = normalised.start()[f[1]];
            int end = normalised.end()[f[2]];
            hits.add(new Hit(rule.id(), rule.pattern(), rule.category(), rule.action(), rule.severity(), start, end,
                    text.substring(start, end)));
        }
        if (!regexes.isEmpty()) {
            String folded = widthFolded(text);
            for (Rule rule : regexes) {
                // Each rule gets its own step budget: a pattern that backtracks out of control on this text
                // stops, and the text goes to a human instead of holding the thread.
                Matcher m = rule.regex().matcher(new BoundedText(folded, LexiconRules.regexBudget(folded.length())));
                try {
                    while (m.find()) {
                        if (m.end() > m.start()) {
                            hits.add(new Hit(rule.id(), rule.pattern(), rule.category(), rule.action(), rule.severity(),
                                    m.start(), m.end(), text.substring(m.start(), m.end())));
                        }
                    }
                } catch (BoundedText.Exhausted e) {
                    hits.add(new Hit(rule.id(), rule.pattern() + " (step budget exhausted)", rule.category(), Action.REVIEW,
                            rule.severity(), 0, 0, ""));
                }
            }
        }
        int links = maxLinks >= 0 ? countLinks(text) : 0;
        if (links > maxLinks && maxLinks >= 0) {
            hits.add(new Hit(LINKS_RULE, links + " links", Category.SPAM, Action.REVIEW, 2, 0, 0, ""));
        }
        if (hits.isEmpty()) {
            return new Result(Decision.PASS, false, text, List.of(), List.of(), 0);
        }
        hits.sort(BY_POSITION);
        return result(text, hits, strict);
    }

    /** A result with more hits (from heuristics outside the lexicon), decided again. */
    public static Result amend(String text, Result base, List<Hit> extra, boolean strict) {
        if (extra.isEmpty()) {
            return base;
        }
        List<Hit> hits = new ArrayList<>(base.hits());
        hits.addAll(extra);
        hits.sort(BY_POSITION);
        return result(text, hits, strict);
    }

    private static final Comparator<Hit> BY_POSITION = Comparator.comparingInt(Hit::start).thenComparingInt(Hit::end);

    /** Rule id of the built-in spam heuristic for too many links. */
    public static final String LINKS_RULE = "spam:links";

    /** Counts "http://", "https://" and "www." starts; a hand scan, as a regex here would cost more than the matching. */
    public static int countLinks(String text) {
        int n = 0;
        int length = text.length();
        for (int i = 0; i < length - 3; i++) {
            char c = text.charAt(i);
            if ((c == 'h' || c == 'H') && (text.regionMatches(true, i, "http://", 0, 7) || text.regionMatches(true, i, "https://", 0, 8))) {
                n++;
                i += 6;
            } else if ((c == 'w' || c == 'W') && text.regionMatches(true, i, "www.", 0, 4)
                    && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)) && text.charAt(i - 1) != '/')) {
                n++;
                i += 3;
            }
        }
        return n;
    }

    private static Result result(String text, List<Hit> hits, boolean strict) {
        Decision decision = Decision.PASS;
        boolean flagged = false;
        int severity = 0;
        char[] masked = null;
        Set<String> ruleIds = new LinkedHashSet<>();
        for (Hit hit : hits) {
            ruleIds.add(hit.ruleId());
            severity = Math.max(severity, hit.severity());
            switch (hit.action()) {
                case BLOCK -> decision = Decision.BLOCK;
                case REVIEW -> {
                    if (decision == Decision.PASS) {
                        decision = Decision.REVIEW;
                    }
                }
                case FLAG -> {
                    flagged = true;
                    if (strict && decision == Decision.PASS) {
                        decision = Decision.REVIEW;
                    }
                }
                case MASK -> {
                    if (masked == null) {
                        masked = text.toCharArray();
                    }
                    for (int i = hit.start(); i < hit.end(); i++) {
                        masked[i] = '*';
                    }
                }
            }
        }
        return new Result(decision, flagged, masked == null ? text : new String(masked), List.copyOf(hits),
                List.copyOf(ruleIds), severity);
    }

    /** An entry that repeats a character ("ass") needs at least as many repeats in the text. */
    private static boolean repeatsFit(Rule rule, Normaliser.Normalised text, int from) {
        int[] need = rule.runs();
        for (int i = 0; i < need.length; i++) {
            if (need[i] > 1 && text.runs()[from + i] < need[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Short Latin entries ("sb", "ass") are common inside innocent words (husband, class): they only
     * count where the text does not run on into another Latin letter without a separator.
     */
    private static boolean boundaryFits(Rule rule, Normaliser.Normalised text, int from, int to) {
        if (!rule.needsWordBoundary()) {
            return true;
        }
        if (from > 0 && isLatin(text.chars()[from - 1]) && text.end()[from - 1] == text.start()[from]) {
            return false;
        }
        return to + 1 >= text.length() || !isLatin(text.chars()[to + 1]) || text.end()[to] != text.start()[to + 1];
    }

    static boolean isLatin(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean coveredByAllowed(int[] hit, List<int[]> allowed) {
        for (int[] a : allowed) {
            if (a[1] <= hit[1] && hit[2] <= a[2]) {
                return true;
            }
        }
        return false;
    }

    /** Width and case folded, one character for one, so regex positions are positions in the original. */
    private static String widthFolded(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            if (c >= 0xFF01 && c <= 0xFF5E) {
                c = (char) (c - 0xFEE0);
            } else if (c == 0x3000) {
                c = ' ';
            }
            chars[i] = Character.toLowerCase(c);
        }
        return new String(chars);
    }
}
