package io.yunying.community.moderation;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * What the check remembers of the texts it checked for a named author (a fingerprint per text, not the
 * text): the input of the near-duplicate and burst heuristics. A text the caller names in its context
 * ({@code contentId}) keeps one fingerprint however often it is checked again (a retry, an edit).
 */
@ApplicationScoped
public class CheckHistoryRepository {

    /** One earlier text of the author: its SimHash and when it was checked. */
    public record Fingerprint(long simhash, Instant checkedAt) {
    }

    private final Pool pool;

    public CheckHistoryRepository(Pool pool) {
        this.pool = pool;
    }

    /** The author's fingerprints since a time, leaving out the named piece being checked again. */
    public Uni<List<Fingerprint>> recent(String authorId, String subject, Instant since) {
        return pool.preparedQuery("""
                        select simhash, checked_at from moderation_fingerprint
                        where author_id = $1 and checked_at > $2 and ($3::text is null or subject is distinct from $3)""")
                .execute(Tuple.of(authorId, since.atOffset(ZoneOffset.UTC), subject))
                .map(rows -> {
                    List<Fingerprint> found = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        found.add(new Fingerprint(row.getLong("simhash"), row.getOffsetDateTime("checked_at").toInstant()));
                    }
                    return found;
                });
    }

    /**
     * Keeps a fingerprint. The history only steers heuristics, so its commit does not wait for the disk
     * ({@code synchronous_commit off} for this transaction alone): a crash may lose the last fingerprints,
     * never anything else, and a check does not pay a WAL flush.
     */
    public Uni<Void> record(String authorId, String subject, long simhash, String contentType, String contextJson,
                            Decision decision, Instant at) {
        return pool.withTransaction(connection -> connection.query("set local synchronous_commit to off").execute()
                .chain(() -> connection.preparedQuery("""
                        insert into moderation_fingerprint (author_id, subject, simhash, content_type, context, decision, checked_at)
                        values ($1, $2, $3, $4, ($5::text)::jsonb, $6, $7)
                        on conflict (author_id, subject) where subject is not null do update set
                            simhash = excluded.simhash, content_type = excluded.content_type, context = excluded.context,
                            decision = excluded.decision, checked_at = excluded.checked_at""")
                        .execute(Tuple.tuple().addString(authorId).addString(subject).addLong(simhash).addString(contentType)
                                .addString(contextJson).addString(decision.name()).addOffsetDateTime(at.atOffset(ZoneOffset.UTC)))))
                .replaceWithVoid();
    }

    /** Forgets fingerprints older than a time; one statement, safe to run on every replica. */
    public Uni<Integer> purge(Instant before) {
        return pool.preparedQuery("delete from moderation_fingerprint where checked_at < $1")
                .execute(Tuple.of(before.atOffset(ZoneOffset.UTC))).map(rows -> rows.rowCount());
    }
}
