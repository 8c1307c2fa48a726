package io.yunying.push.support;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

import static io.yunying.push.support.Times.odt;

/** Idempotency records, by caller and key. Each statement stands alone: a record outlives the write's own transaction. */
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
    public Uni<Boolean> claim(String caller, String key, String fingerprint, String subject, Instant now, Instant expiresAt,
                              Instant abandonedBefore) {
        return pool.preparedQuery("""
                        insert into idempotency_record (caller, key, fingerprint, subject, created_at, expires_at) values ($1, $2, $3, $4, $5, $6)
                        on conflict (caller, key) do update set fingerprint = excluded.fingerprint, subject = excluded.subject, status = null,
                            body = null, location = null, etag = null, created_at = excluded.created_at, expires_at = excluded.expires_at
                        where idempotency_record.expires_at <= $5
                           or (idempotency_record.status is null and idempotency_record.created_at < $7)
                        returning 1""")
                .execute(Tuple.from(new Object[]{caller, key, fingerprint, subject, odt(now), odt(expiresAt), odt(abandonedBefore)}))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Record> find(String caller, String key) {
        return pool.preparedQuery("select fingerprint, status, body, location, etag from idempotency_record where caller = $1 and key = $2")
                .execute(Tuple.of(caller, key))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new Record(row.getString("fingerprint"), row.getInteger("status"), row.getString("body"),
                            row.getString("location"), row.getString("etag"));
                });
    }

    public Uni<Void> complete(String caller, String key, int status, String body, String location, String etag) {
        return pool.preparedQuery("update idempotency_record set status = $3, body = $4, location = $5, etag = $6"
                        + " where caller = $1 and key = $2")
                .execute(Tuple.tuple().addString(caller).addString(key).addInteger(status).addString(body)
                        .addString(location).addString(etag))
                .replaceWithVoid();
    }

    /** Frees a key whose request failed, so a retry runs again. */
    public Uni<Void> release(String caller, String key) {
        return pool.preparedQuery("delete from idempotency_record where caller = $1 and key = $2 and status is null")
                .execute(Tuple.of(caller, key)).replaceWithVoid();
    }

    /** Forgets every stored answer about a contact, inside the erasure's own transaction. */
    public static Uni<Void> forgetSubject(SqlClient tx, String externalId) {
        return tx.preparedQuery("delete from idempotency_record where subject = $1").execute(Tuple.of(externalId)).replaceWithVoid();
    }

    public Uni<Integer> purge(Instant now) {
        return pool.preparedQuery("delete from idempotency_record where expires_at <= $1")
                .execute(Tuple.of(odt(now))).map(RowSet::rowCount);
    }
}
