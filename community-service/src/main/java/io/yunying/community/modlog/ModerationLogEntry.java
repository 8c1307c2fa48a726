package io.yunying.community.modlog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One automatic or human moderation action: who did what to which subject, why, and when. */
@Entity
@Table(name = "moderation_log")
public class ModerationLogEntry {

    @Id
    public UUID id;

    /** A moderator's name, or "system" for the engine and the jobs. */
    public String actor;

    public String action;

    @Column(name = "subject_type")
    public String subjectType;

    @Column(name = "subject_id")
    public String subjectId;

    public String reason;

    @Column(name = "created_at")
    public Instant createdAt;
}
