package io.yunying.platform.idempotency;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The {@code idempotency_record} table, by owner ({@code user_id}) and key. Each statement stands alone: a record
 * outlives the write's own transaction. Every service that uses it has the same table shape (see the services'
 * migrations).
 */
final class IdempotencyRecords {

    /** A remembered request: its fingerprint and, once finished, its answer (status null while running). */
    record Record(String fingerprint, Integer status, String body, String location, String etag) {
    }

    private final Pool pool;

    IdempotencyRecords(Pool pool) {
        this.pool = pool;
    }

    /**
     * Takes the key for a new request: a free key, an expired one, or one whose first request was abandoned.
     * True when taken; false when a live record holds it.
     */
    Uni<Boolean> claim(String owner, String key, String fingerprint, String subject, Instant now, Instant expiresAt,
                       Instant abandonedBefore) {
        return pool.preparedQuery("""
                        insert into idempotency_record (user_id, key, fingerprint, subject, created_at, expires_at) values ($1, $2, $3, $4, $5, $6)
                        on conflict (user_id, key) do update set fingerprint = excluded.fingerprint, subject = excluded.subject, status = null,
                            body = null, location = null, etag = null, created_at = excluded.created_at, expires_at = excluded.expires_at
                        where idempotency_record.expires_at <= $5
                           or (idempotency_record.status is null and idempotency_record.created_at < $7)
                        returning 1""")
                .execute(Tuple.from(new Object[]{owner, key, fingerprint, subject, odt(now), odt(expiresAt), odt(abandonedBefore)}))
                .map(rows -> rows.rowCount() == 1);
    }

    Uni<Record> find(String owner, String key) {
        return pool.preparedQuery("select fingerprint, status, body, location, etag from idempotency_record where user_id = $1 and key = $2")
                .execute(Tuple.of(owner, key))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new Record(row.getString("fingerprint"), row.getInteger("status"), row.getString("body"),
                            row.getString("location"), row.getString("etag"));
                });
    }

    Uni<Void> complete(String owner, String key, int status, String body, String location, String etag) {
        return pool.preparedQuery("update idempotency_record set status = $3, body = $4, location = $5, etag = $6"
                        + " where user_id = $1 and key = $2")
                .execute(Tuple.tuple().addString(owner).addString(key).addInteger(status).addString(body)
                        .addString(location).addString(etag))
                .replaceWithVoid();
    }

    /** Frees a key whose request failed, so a retry runs again. */
    Uni<Void> release(String owner, String key) {
        return pool.preparedQuery("delete from idempotency_record where user_id = $1 and key = $2 and status is null")
                .execute(Tuple.of(owner, key)).replaceWithVoid();
    }

    static Uni<Void> forgetSubject(SqlClient client, String subject) {
        return client.preparedQuery("delete from idempotency_record where subject = $1").execute(Tuple.of(subject)).replaceWithVoid();
    }

    Uni<Integer> purge(Instant now) {
        return pool.preparedQuery("delete from idempotency_record where expires_at <= $1")
                .execute(Tuple.of(odt(now))).map(RowSet::rowCount);
    }

    /** The reactive PostgreSQL client speaks OffsetDateTime for timestamptz. */
    private static OffsetDateTime odt(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
