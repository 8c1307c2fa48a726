package io.yunying.content.ugc;

import io.yunying.content.item.Item;

/**
 * The text of a submission as the moderation check reads it: title, summary and the body's text (tags replaced by a
 * space), one per line. It remembers where every character of the body's text sits in the stored HTML, so that the
 * check's {@code maskedText} (the same text with MASK hits replaced by {@code *}) can be carried back into the title,
 * summary and body that are stored, without touching the markup.
 */
final class CheckedText {

    /** The stored fields with the masked characters replaced. */
    record Masked(String title, String summary, String body) {
    }

    private final String text;
    private final String title;
    private final String summary;
    private final String body;
    private final int summaryStart;
    private final int bodyStart;
    /** For each character of the body's text, its index in the HTML, or -1 for the space standing for a tag. */
    private final int[] bodyIndex;

    private CheckedText(Item item) {
        this.title = item.title;
        this.summary = item.summary;
        this.body = item.body;
        StringBuilder all = new StringBuilder(title.length() + body.length() + 64).append(title).append('\n');
        this.summaryStart = all.length();
        if (summary != null) {
            all.append(summary).append('\n');
        }
        this.bodyStart = all.length();
        this.bodyIndex = new int[body.length()];
        int n = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            int close = c == '<' ? body.indexOf('>', i) : -1;
            if (close > 0) {
                all.append(' ');
                bodyIndex[n++] = -1;
                i = close;
            } else {
                all.append(c);
                bodyIndex[n++] = i;
            }
        }
        this.text = all.toString();
    }

    static CheckedText of(Item item) {
        return new CheckedText(item);
    }

    String text() {
        return text;
    }

    /**
     * The fields with every character the check masked replaced by {@code *}; null when nothing was masked or the
     * masked text does not line up with what was sent.
     */
    Masked apply(String maskedText) {
        if (maskedText == null || maskedText.length() != text.length() || maskedText.equals(text)) {
            return null;
        }
        char[] t = title.toCharArray();
        char[] s = summary == null ? null : summary.toCharArray();
        char[] b = body.toCharArray();
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            if (maskedText.charAt(i) != '*' || text.charAt(i) == '*') {
                continue;
            }
            if (i < title.length()) {
                t[i] = '*';
                any = true;
            } else if (s != null && i >= summaryStart && i < summaryStart + s.length) {
                s[i - summaryStart] = '*';
                any = true;
            } else if (i >= bodyStart && bodyIndex[i - bodyStart] >= 0) {
                b[bodyIndex[i - bodyStart]] = '*';
                any = true;
            }
        }
        return any ? new Masked(new String(t), s == null ? null : new String(s), new String(b)) : null;
    }
}
