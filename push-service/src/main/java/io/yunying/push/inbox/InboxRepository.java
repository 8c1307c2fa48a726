package io.yunying.push.inbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.yunying.push.support.Times.instant;
import static io.yunying.push.support.Times.odt;

@ApplicationScoped
public class InboxRepository {

    private final Pool pool;

    public InboxRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Puts a delivery's message in the inbox once: a second attempt for the same delivery (after a crash)
     * finds the message already there. Also records it DELIVERED. Returns the message id.
     */
    public Uni<Long> deliver(long deliveryId, UUID contact, String title, String body, String deepLink, Instant now) {
        return pool.preparedQuery("""
                        with added as (
                            insert into inbox_message (delivery_id, contact_id, title, body, deep_link, created_at)
                            values ($1, $2, $3, $4, $5, $6) on conflict (delivery_id) do nothing returning id),
                        delivered as (
                            insert into delivery_event (delivery_id, type, at) values ($1, 'DELIVERED', $6) on conflict do nothing)
                        select id from added union all select id from inbox_message where delivery_id = $1""")
                .execute(Tuple.from(new Object[]{deliveryId, contact, title, body, deepLink, odt(now)}))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    public Uni<List<InboxMessage>> page(String externalId, long beforeId, int limit) {
        return pool.preparedQuery("""
                        select m.* from inbox_message m join contact c on c.id = m.contact_id
                         where c.external_id = $1 and c.erased_at is null and m.id < $2
                         order by m.id desc limit $3""")
                .execute(Tuple.of(externalId, beforeId, limit))
                .map(rows -> {
                    List<InboxMessage> list = new ArrayList<>();
                    rows.forEach(row -> list.add(view(row)));
                    return list;
                });
    }

    public Uni<Long> unread(String externalId) {
        return pool.preparedQuery("""
                        select count(*) as n from inbox_message m join contact c on c.id = m.contact_id
                         where c.external_id = $1 and c.erased_at is null and m.read_at is null""")
                .execute(Tuple.of(externalId)).map(rows -> rows.iterator().next().getLong("n"));
    }

    /** Marks one of the user's messages read (first time only) and records the delivery OPENED; false when not theirs. */
    public Uni<Boolean> markRead(String externalId, long id, Instant now) {
        return pool.preparedQuery("""
                        with mine as (
                            select m.id, m.delivery_id from inbox_message m join contact c on c.id = m.contact_id
                             where m.id = $2 and c.external_id = $1 and c.erased_at is null),
                        marked as (
                            update inbox_message m set read_at = coalesce(m.read_at, $3) from mine where m.id = mine.id returning m.id),
                        opened as (
                            insert into delivery_event (delivery_id, type, at, detail)
                            select delivery_id, 'OPENED', $3, '{"via": "inbox"}' from mine on conflict do nothing)
                        select count(*) as n from mine""")
                .execute(Tuple.of(externalId, id, odt(now)))
                .map(rows -> rows.iterator().next().getLong("n") > 0);
    }

    private static InboxMessage view(Row row) {
        return new InboxMessage(row.getLong("id"), row.getLong("delivery_id"), row.getString("title"), row.getString("body"),
                row.getString("deep_link"), instant(row.getOffsetDateTime("created_at")), row.getOffsetDateTime("read_at") != null);
    }
}
