package io.yunying.community.support;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;

/** Idempotency records, by member and key. Each statement stands alone: a record outlives the write's own transaction. */
@ApplicationScoped
public class IdempotencyRepository {

    /** A remembered request: its fingerprint and, once finished, its answer (status null while running). */
    public record Record(String fingerprint, Integer status, String body, String location, String etag) {
    }

    private final Pool pool;

    public IdempotencyRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Takes the key for a new request: a free key, an expired one, or one whose first request was abandoned.
     * True when taken; false when a live record holds it.
     */
    public Uni<Boolean> claim(String userId, String key, String fingerprint, Instant now, Instant expiresAt, Instant abandonedBefore) {
        return pool.preparedQuery("""
                        insert into idempotency_record (user_id, key, fingerprint, created_at, expires_at) values ($1, $2, $3, $4, $5)
                        on conflict (user_id, key) do update set fingerprint = excluded.fingerprint, status = null, body = null,
                            location = null, etag = null, created_at = excluded.created_at, expires_at = excluded.expires_at
                        where idempotency_record.expires_at <= $4
                           or (idempotency_record.status is null and idempotency_record.created_at < $6)
                        returning 1""")
                .execute(Tuple.of(userId, key, fingerprint, now.atOffset(ZoneOffset.UTC), expiresAt.atOffset(ZoneOffset.UTC),
                        abandonedBefore.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Record> find(String userId, String key) {
        return pool.preparedQuery("select fingerprint, status, body, location, etag from idempotency_record where user_id = $1 and key = $2")
                .execute(Tuple.of(userId, key))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new Record(row.getString("fingerprint"), row.getInteger("status"), row.getString("body"),
                            row.getString("location"), row.getString("etag"));
                });
    }

    public Uni<Void> complete(String userId, String key, int status, String body, String location, String etag) {
        return pool.preparedQuery("update idempotency_record set status = $3, body = $4, location = $5, etag = $6"
                        + " where user_id = $1 and key = $2")
                .execute(Tuple.tuple().addString(userId).addString(key).addInteger(status).addString(body)
                        .addString(location).addString(etag))
                .replaceWithVoid();
    }

    /** Frees a key whose request failed, so a retry runs again. */
    public Uni<Void> release(String userId, String key) {
        return pool.preparedQuery("delete from idempotency_record where user_id = $1 and key = $2 and status is null")
                .execute(Tuple.of(userId, key)).replaceWithVoid();
    }

    public Uni<Integer> purge(Instant now) {
        return pool.preparedQuery("delete from idempotency_record where expires_at <= $1")
                .execute(Tuple.of(now.atOffset(ZoneOffset.UTC))).map(rows -> rows.rowCount());
    }
}
