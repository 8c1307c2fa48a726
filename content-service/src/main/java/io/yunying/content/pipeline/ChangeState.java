package io.yunying.content.pipeline;

/**
 * Where the saved changes of a published item stand. The item itself stays PUBLISHED, and apps keep reading its
 * live copy, until approved changes replace it.
 */
public enum ChangeState {
    /** Saved, not submitted. */
    PENDING,
    /** Waiting in the review queue. */
    SUBMITTED,
    /** Claimed by a reviewer, for the lease. */
    IN_REVIEW,
    /** Refused with a reason; an edit makes them PENDING again, or the editor discards them. */
    REJECTED
}
