package io.yunying.community.modlog;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** Writes the moderation log inside the caller's transaction, so an action and its record commit together. */
@ApplicationScoped
public class ModerationLog {

    public static final String SYSTEM = "system";

    private final ModerationLogRepository repository;
    private final Clock clock;

    public ModerationLog(ModerationLogRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    public Uni<Void> record(String actor, String action, String subjectType, Object subjectId, String reason) {
        return repository.persist(entry(actor, action, subjectType, subjectId, reason)).replaceWithVoid();
    }

    /** Many records in one persist call: a chain of thousands of single writes would nest as deep. */
    public Uni<Void> recordAll(List<ModerationLogEntry> entries) {
        return repository.persist(entries).replaceWithVoid();
    }

    public ModerationLogEntry entry(String actor, String action, String subjectType, Object subjectId, String reason) {
        ModerationLogEntry entry = new ModerationLogEntry();
        entry.id = UUID.randomUUID();
        entry.actor = actor;
        entry.action = action;
        entry.subjectType = subjectType;
        entry.subjectId = String.valueOf(subjectId);
        entry.reason = reason;
        entry.createdAt = clock.instant();
        return entry;
    }
}
