package io.yunying.community.moderation;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.yunying.community.modlog.ModerationLog;
import io.yunying.platform.problem.DatabaseErrors;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class LexiconService {

    private final LexiconRepository repository;
    private final LexiconHolder holder;
    private final ModerationLog log;
    private final Clock clock;

    public LexiconService(LexiconRepository repository, LexiconHolder holder, ModerationLog log, Clock clock) {
        this.repository = repository;
        this.holder = holder;
        this.log = log;
        this.clock = clock;
    }

    /**
     * Adds entries in one transaction with one version bump: all of them become live together or none
     * does. Answers once this replica already matches with them.
     */
    public Uni<List<LexiconEntry>> add(List<LexiconEntryRequest> requests, String actor) {
        List<LexiconEntry> entries = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < requests.size(); i++) {
            LexiconEntry entry = toEntry(requests.get(i), actor, requests.size() > 1 ? "entries[" + i + "]." : "");
            if (!keys.add(entry.kind + ":" + entry.normalisedKey)) {
                throw ProblemException.invalid("entries[" + i + "].pattern", "duplicates an earlier entry of the same request");
            }
            entries.add(entry);
        }
        return Panache.withTransaction(() -> repository.persist(entries)
                        .call(repository::flush)
                        .call(repository::bumpVersion)
                        .call(() -> log.recordAll(entries.stream().map(e -> log.entry(actor, "lexicon.add", "lexicon-entry", e.id,
                                e.kind + " " + e.pattern + (e.action == null ? "" : " → " + e.action))).toList())))
                .onFailure(DatabaseErrors::isUniqueViolation).transform(e -> ProblemException.conflict("lexicon-duplicate",
                        "Entry already listed", "an entry that normalises the same way is already in the lexicon", Map.of()))
                .call(holder::refresh)
                .replaceWith(entries);
    }

    public Uni<Void> remove(UUID id, String actor) {
        return Panache.withTransaction(() -> repository.findById(id)
                        .onItem().ifNull().failWith(() -> ProblemException.notFound("lexicon entry", id))
                        .call(repository::delete)
                        .call(repository::bumpVersion)
                        .call(e -> log.record(actor, "lexicon.remove", "lexicon-entry", id, e.kind + " " + e.pattern)))
                .call(holder::refresh)
                .replaceWithVoid();
    }

    public Uni<LexiconEntry> get(UUID id) {
        return Panache.withSession(() -> repository.findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("lexicon entry", id)));
    }

    public Uni<List<LexiconEntry>> page(EntryKind kind, Category category, io.yunying.community.support.Cursor after, int limit) {
        return Panache.withSession(() -> repository.page(kind, category, after == null ? null : after.instant(),
                after == null ? null : after.id(), limit));
    }

    private LexiconEntry toEntry(LexiconEntryRequest request, String actor, String prefix) {
        EntryKind kind = request.kindOrDefault();
        if (kind != EntryKind.ALLOW && request.action() == null) {
            throw new ProblemException(400, "validation", "Invalid request", "a word or regex needs an action",
                    List.of(new Problem.FieldError(prefix + "action", "must not be null", null)), Map.of());
        }
        String key;
        try {
            key = LexiconRules.validate(kind, request.pattern().strip());
        } catch (ProblemException e) {
            if (prefix.isEmpty()) {
                throw e;
            }
            throw new ProblemException(400, "validation", "Invalid request", e.getMessage(),
                    List.of(new Problem.FieldError(prefix + "pattern", e.getMessage(), request.pattern())), e.properties());
        }
        LexiconEntry entry = new LexiconEntry();
        entry.id = UUID.randomUUID();
        entry.kind = kind;
        entry.pattern = request.pattern().strip();
        entry.normalisedKey = key;
        entry.category = request.category() == null ? Category.CUSTOM : request.category();
        entry.action = kind == EntryKind.ALLOW ? null : request.action();
        entry.severity = request.severity() == null ? 5 : request.severity();
        entry.note = request.note();
        entry.createdBy = actor;
        entry.createdAt = clock.instant();
        return entry;
    }
}
