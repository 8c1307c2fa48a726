package io.yunying.community.moderation;

/** The verdict of a check: what the caller does with the content. */
public enum Decision {
    PASS, REVIEW, BLOCK
}
