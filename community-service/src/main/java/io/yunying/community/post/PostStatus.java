package io.yunying.community.post;

public enum PostStatus {
    /** Visible to everyone. */
    PUBLISHED,
    /** Held by the moderation check until a moderator decides; visible to its author and staff. */
    HELD,
    /** Hidden by weighted reports pending review; visible to its author and staff. */
    HIDDEN,
    /** Removed by a moderator. */
    REMOVED,
    /** Deleted by its author: a tombstone in its thread (no author, title or body shown); staff still see the text. */
    DELETED
}
