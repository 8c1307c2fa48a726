package io.yunying.content.pipeline;

/** Where a piece stands in the publishing pipeline. */
public enum ContentState {
    DRAFT, SUBMITTED, IN_REVIEW, APPROVED, REJECTED, SCHEDULED, PUBLISHED, UNPUBLISHED, ARCHIVED, TAKEN_DOWN
}
