package io.yunying.community.moderation;

/** What a lexicon hit does to the content, strongest first. */
public enum Action {
    /** Refuse the content. */
    BLOCK,
    /** Hold it for a human before anyone sees it. */
    REVIEW,
    /** Publish it with the hit replaced by asterisks. */
    MASK,
    /** Publish it as is, and put it in the review queue. */
    FLAG
}
