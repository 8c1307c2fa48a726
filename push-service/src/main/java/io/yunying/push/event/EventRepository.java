package io.yunying.push.event;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.yunying.push.support.JobLock;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.yunying.push.support.Times.odt;

@ApplicationScoped
public class EventRepository {

    private final Pool pool;

    public EventRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Set<String>> liveExternalIds(List<String> externalIds) {
        return pool.preparedQuery("select external_id from contact where external_id = any($1) and erased_at is null")
                .execute(Tuple.of(externalIds.toArray(String[]::new)))
                .map(rows -> {
                    Set<String> known = new HashSet<>();
                    rows.forEach(row -> known.add(row.getString("external_id")));
                    return known;
                });
    }

    /**
     * Stores the batch in one statement: repeated event ids are skipped by the primary key, and each
     * contact's last-seen time and daily activity (contact_day) move forward with what was really
     * inserted, so a redelivered batch counts nothing twice. contact_day rows are upserted in key order,
     * so concurrent batches lock them in the same order. Returns the inserted count.
     */
    public Uni<Integer> insert(String[] eventIds, String[] externalIds, String[] types, OffsetDateTime[] times,
                               String[] amounts, String[] properties, Instant now) {
        return pool.preparedQuery("""
                        with input as (
                            select * from unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::text[])
                                      as t(event_id, external_id, type, occurred_at, amount, properties)),
                        inserted as (
                            insert into event (event_id, contact_id, type, occurred_at, received_at, amount, properties)
                            select i.event_id, c.id, i.type, i.occurred_at, $7, i.amount::numeric, coalesce(i.properties::jsonb, '{}')
                              from input i join contact c on c.external_id = i.external_id and c.erased_at is null
                            on conflict (event_id) do nothing
                            returning contact_id, occurred_at),
                        seen as (
                            update contact c set last_seen_at = greatest(c.last_seen_at, m.latest)
                              from (select contact_id, max(occurred_at) latest from inserted group by contact_id) m
                             where c.id = m.contact_id),
                        active as (
                            insert into contact_day as d (contact_id, day, events, first_at, last_at)
                            select contact_id, (occurred_at at time zone 'UTC')::date, count(*), min(occurred_at), max(occurred_at)
                              from inserted group by 1, 2 order by 1, 2
                            on conflict (contact_id, day) do update set events = d.events + excluded.events,
                                   first_at = least(d.first_at, excluded.first_at), last_at = greatest(d.last_at, excluded.last_at))
                        select count(*) as inserted from inserted""")
                .execute(Tuple.from(new Object[]{eventIds, externalIds, types, times, amounts, properties, odt(now)}))
                .map(rows -> rows.iterator().next().getLong("inserted").intValue());
    }

    /** Deletes raw events past retention; only the replica holding the job lock does it. */
    public Uni<Long> purgeBefore(Instant cutoff) {
        return pool.withTransaction(tx -> tx.preparedQuery("select pg_try_advisory_xact_lock($1) as locked")
                .execute(Tuple.of(JobLock.EVENT_PURGE))
                .flatMap(lock -> lock.iterator().next().getBoolean("locked")
                        ? tx.preparedQuery("delete from event where occurred_at < $1").execute(Tuple.of(odt(cutoff)))
                                .map(rows -> (long) rows.rowCount())
                        : Uni.createFrom().item(0L)));
    }
}
