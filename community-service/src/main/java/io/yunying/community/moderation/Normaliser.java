package io.yunying.community.moderation;

import com.github.houbb.opencc4j.util.ZhConverterUtil;

import java.text.Normalizer;

/**
 * Folds text into the form the matcher compares: NFKC (full-width → half-width), case fold, Latin
 * accents stripped, traditional → simplified Chinese, digit/symbol look-alikes, noise dropped and
 * repeated characters collapsed. Every kept character remembers where it came from, so hits point at
 * the original text.
 *
 * <p>All per-character folding is precomputed into one 64K table at class load, so normalising is a
 * single pass with an array lookup per character; the conversion library is only consulted while the
 * table is built.
 */
public final class Normaliser {

    /** Stands for a significant character outside the BMP (a rare CJK extension letter): it separates, never matches. */
    static final char OPAQUE = '\uFFFF';

    private static final char[] FOLD = buildTable();

    private Normaliser() {
    }

    /** The folded form of one UTF-16 unit, or 0 when it is noise (space, punctuation, symbol, zero-width...). */
    public static char fold(char c) {
        return FOLD[c];
    }

    public static Normalised normalise(String text) {
        // One bulk copy, then plain array reads: String.charAt's bounds and coder checks cost more than the folding.
        char[] source = text.toCharArray();
        int n = source.length;
        char[] out = new char[n];
        int[] start = new int[n];
        int[] end = new int[n];
        int[] runs = new int[n];
        char[] fold = FOLD;
        int k = 0;
        char last = 0;
        for (int i = 0; i < n; i++) {
            char c = source[i];
            char f = fold[c];
            int width = 1;
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(source[i + 1])) {
                    int cp = Character.toCodePoint(c, source[i + 1]);
                    f = Character.isLetterOrDigit(cp) ? OPAQUE : 0;
                    width = 2;
                } else {
                    f = 0;
                }
            }
            if (f != 0) {
                // Repeats collapse into one character (傻傻逼逼 → 傻逼); the run length is kept so an entry that
                // itself doubles a letter ("ass") does not match the single form ("as").
                if (f == last && f != OPAQUE) {
                    end[k - 1] = i + width;
                    runs[k - 1]++;
                } else {
                    out[k] = f;
                    start[k] = i;
                    end[k] = i + width;
                    runs[k] = 1;
                    k++;
                    last = f;
                }
            }
            i += width - 1;
        }
        return new Normalised(out, start, end, runs, k);
    }

    /**
     * The normalised text with, for every kept character, the UTF-16 range of the original it stands for
     * and how many repeats were collapsed into it.
     */
    public record Normalised(char[] chars, int[] start, int[] end, int[] runs, int length) {

        /** The collapsed form as a string. */
        public String text() {
            return new String(chars, 0, length);
        }

        /** The folded form with repeats spelled out again: two spellings of one word share this key. */
        public String key() {
            StringBuilder key = new StringBuilder(length + 4);
            for (int i = 0; i < length; i++) {
                for (int r = 0; r < runs[i]; r++) {
                    key.append(chars[i]);
                }
            }
            return key.toString();
        }
    }

    private static char[] buildTable() {
        char[] table = new char[Character.MAX_VALUE + 1];
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            if (Character.isSurrogate((char) c)) {
                continue;
            }
            table[c] = foldOne((char) c);
        }
        // Traditional → simplified, once per CJK ideograph; conversions that change the length are not
        // single-character folds and are left alone.
        for (int c = 0x3400; c <= 0x9FFF; c++) {
            char folded = table[c];
            if (folded == 0) {
                continue;
            }
            String simple = ZhConverterUtil.toSimple(String.valueOf(folded));
            if (simple.length() == 1) {
                table[c] = simple.charAt(0);
            }
        }
        for (int c = 0xF900; c <= 0xFAFF; c++) {
            char folded = table[c];
            if (folded >= 0x3400 && folded <= 0x9FFF) {
                table[c] = table[folded];
            }
        }
        return table;
    }

    private static char foldOne(char c) {
        String compat = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFKC);
        char d = compat.length() == 1 ? compat.charAt(0) : c;
        d = Character.toLowerCase(d);
        if (d >= 0x00C0 && d <= 0x024F) {
            // é, ü, ø... fold to their base letter: accents are a cheap disguise for Latin words
            String base = Normalizer.normalize(String.valueOf(d), Normalizer.Form.NFD);
            if (!base.isEmpty() && base.charAt(0) < 0x80) {
                d = base.charAt(0);
            }
        }
        char lookalike = lookalike(d);
        if (lookalike != 0) {
            return lookalike;
        }
        return switch (Character.getType(d)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER,
                 Character.LETTER_NUMBER, Character.OTHER_NUMBER -> d;
            default -> 0;
        };
    }

    /** Digits and symbols that stand in for letters in disguised words (5B, @ss, $b, sh1t, l33t). */
    private static char lookalike(char c) {
        return switch (c) {
            case '0' -> 'o';
            case '1', 'l' -> 'i';
            case '3' -> 'e';
            case '4', '@' -> 'a';
            case '5', '$' -> 's';
            case '7' -> 't';
            case '8' -> 'b';
            default -> 0;
        };
    }
}
