package io.yunying.community.moderation;

public enum EntryKind {
    /** A word or phrase, matched on normalised text. */
    WORD,
    /** A Java regular expression, matched on the width- and case-folded original (phone numbers, ids, domains). */
    REGEX,
    /** A phrase that contains a listed word innocently; a hit inside it is dropped. */
    ALLOW
}
