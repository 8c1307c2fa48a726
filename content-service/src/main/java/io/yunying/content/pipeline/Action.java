package io.yunying.content.pipeline;

import io.yunying.platform.security.Roles;

import java.util.EnumSet;
import java.util.Set;

import static io.yunying.content.pipeline.ContentState.*;

/**
 * Everything that moves an item through the pipeline: the states it may start from, the state it ends in
 * and the roles that may take it. This table is the state machine; nothing else decides a transition.
 */
public enum Action {
    SUBMIT(EnumSet.of(DRAFT), SUBMITTED, Roles.EDITOR, Roles.ADMIN, Roles.APP_USER),
    WITHDRAW(EnumSet.of(SUBMITTED), DRAFT, Roles.EDITOR, Roles.ADMIN),
    CLAIM(EnumSet.of(SUBMITTED, IN_REVIEW), IN_REVIEW, Roles.REVIEWER, Roles.ADMIN),
    RELEASE(EnumSet.of(IN_REVIEW), SUBMITTED, Roles.REVIEWER, Roles.ADMIN),
    APPROVE(EnumSet.of(SUBMITTED, IN_REVIEW), APPROVED, Roles.REVIEWER, Roles.ADMIN),
    REJECT(EnumSet.of(SUBMITTED, IN_REVIEW), REJECTED, Roles.REVIEWER, Roles.ADMIN),
    SCHEDULE(EnumSet.of(APPROVED, SCHEDULED), SCHEDULED, Roles.EDITOR, Roles.ADMIN),
    UNSCHEDULE(EnumSet.of(SCHEDULED), APPROVED, Roles.EDITOR, Roles.ADMIN),
    PUBLISH(EnumSet.of(APPROVED, SCHEDULED, UNPUBLISHED), PUBLISHED, Roles.EDITOR, Roles.ADMIN),
    UNPUBLISH(EnumSet.of(PUBLISHED), UNPUBLISHED, Roles.EDITOR, Roles.ADMIN),
    ARCHIVE(EnumSet.of(DRAFT, APPROVED, REJECTED, SCHEDULED, PUBLISHED, UNPUBLISHED, TAKEN_DOWN), ARCHIVED, Roles.EDITOR, Roles.ADMIN),
    TAKE_DOWN(EnumSet.of(APPROVED, SCHEDULED, PUBLISHED, UNPUBLISHED), TAKEN_DOWN, Roles.MODERATOR, Roles.ADMIN),
    /** Saving changes to an item that was decided on sends it back to draft; it must be decided on again. */
    REOPEN(EnumSet.of(REJECTED, APPROVED, SCHEDULED, UNPUBLISHED), DRAFT, Roles.EDITOR, Roles.ADMIN);

    private final Set<ContentState> from;
    private final ContentState to;
    private final Set<String> roles;

    Action(Set<ContentState> from, ContentState to, String... roles) {
        this.from = from;
        this.to = to;
        this.roles = Set.of(roles);
    }

    public Set<ContentState> from() {
        return from;
    }

    public ContentState to() {
        return to;
    }

    public Set<String> roles() {
        return roles;
    }
}
