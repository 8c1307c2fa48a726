package io.yunying.community.sanction;

/** Graduated sanctions, mildest first. */
public enum SanctionType {
    /** A recorded warning: counts as a strike, restricts nothing. */
    WARN,
    /** No new posts or comments until it ends. */
    MUTE,
    /** No writes at all (posts, comments, likes, reports) until it ends. */
    SUSPEND,
    /** Like a suspension, and may have no end. */
    BAN;

    public boolean blocksPosting() {
        return this != WARN;
    }

    public boolean blocksEveryWrite() {
        return this == SUSPEND || this == BAN;
    }
}
