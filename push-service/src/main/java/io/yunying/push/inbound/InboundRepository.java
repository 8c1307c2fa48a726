package io.yunying.push.inbound;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

import static io.yunying.push.support.Times.odt;

@ApplicationScoped
public class InboundRepository {

    private final Pool pool;

    public InboundRepository(Pool pool) {
        this.pool = pool;
    }

    /** Stores the new events of the batch in one statement; a repeated id is skipped. Returns the count stored. */
    public Uni<Long> insert(String batchJson, Instant now) {
        return pool.preparedQuery("""
                        with incoming as (
                            select distinct on (e.id) e.id, e.type, e.source, e.occurred_at, e.data
                              from jsonb_to_recordset($1::text::jsonb) as e(id uuid, type text, source text, occurred_at timestamptz, data jsonb)),
                        fresh as (
                            insert into inbound_event (id, type, source, occurred_at, received_at, data)
                            select id, type, source, occurred_at, $2, data from incoming
                            on conflict (id) do nothing
                            returning 1)
                        select count(*) as accepted from fresh""")
                .execute(Tuple.of(batchJson, odt(now)))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return row.getLong("accepted");
                });
    }

    /** Deletes events received before the cutoff; returns how many. */
    public Uni<Long> purgeBefore(Instant cutoff) {
        return pool.preparedQuery("delete from inbound_event where received_at < $1").execute(Tuple.of(odt(cutoff)))
                .map(rows -> (long) rows.rowCount());
    }
}
