package io.yunying.community.moderation;

/**
 * A text that a regular expression may read only so many times. {@link java.util.regex.Matcher} reads
 * its input through {@link #charAt}, so counting those reads bounds the work a pattern can do: a
 * pattern that backtracks catastrophically ({@code (a+)+$} on {@code aaaa…!}) runs out of steps and
 * stops with {@link Exhausted} instead of holding a thread for minutes.
 */
final class BoundedText implements CharSequence {

    /** Thrown when the step budget is spent. Carries no stack trace: it is an expected outcome. */
    static final class Exhausted extends RuntimeException {
        Exhausted() {
            super("regular expression step budget exhausted", null, false, false);
        }
    }

    private final String text;
    private final int offset;
    private final int length;
    private final long[] remaining;

    BoundedText(String text, long budget) {
        this(text, 0, text.length(), new long[]{budget});
    }

    private BoundedText(String text, int offset, int length, long[] remaining) {
        this.text = text;
        this.offset = offset;
        this.length = length;
        this.remaining = remaining;
    }

    @Override
    public char charAt(int index) {
        if (--remaining[0] < 0) {
            throw new Exhausted();
        }
        return text.charAt(offset + index);
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BoundedText(text, offset + start, end - start, remaining);
    }

    @Override
    public String toString() {
        return text.substring(offset, offset + length);
    }
}
