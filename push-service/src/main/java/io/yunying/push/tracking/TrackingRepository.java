package io.yunying.push.tracking;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;

import static io.yunying.push.support.Times.odt;

@ApplicationScoped
public class TrackingRepository {

    private final Pool pool;

    public TrackingRepository(Pool pool) {
        this.pool = pool;
    }

    /** Records what happened to a sent delivery, the first time only; false when there is no such sent delivery. */
    public Uni<Boolean> record(long deliveryId, String type, Map<String, Object> detail, Instant now) {
        return pool.preparedQuery("""
                        with target as (select id from delivery where id = $1 and status = 'SENT'),
                        added as (
                            insert into delivery_event (delivery_id, type, at, detail)
                            select id, $2, $3, $4::text::jsonb from target on conflict do nothing)
                        select count(*) as n from target""")
                .execute(Tuple.of(deliveryId, type, odt(now), new JsonObject(detail).encode()))
                .map(rows -> rows.iterator().next().getLong("n") > 0);
    }

    /** Like {@link #record} but only for a delivery sent to the app user with this external id. */
    public Uni<Boolean> recordFor(String externalId, long deliveryId, String type, Map<String, Object> detail, Instant now) {
        return pool.preparedQuery("""
                        with target as (
                            select d.id from delivery d join contact c on c.id = d.contact_id
                             where d.id = $1 and d.status = 'SENT' and c.external_id = $5 and c.erased_at is null),
                        added as (
                            insert into delivery_event (delivery_id, type, at, detail)
                            select id, $2, $3, $4::text::jsonb from target on conflict do nothing)
                        select count(*) as n from target""")
                .execute(Tuple.of(deliveryId, type, odt(now), new JsonObject(detail).encode(), externalId))
                .map(rows -> rows.iterator().next().getLong("n") > 0);
    }

    /** The delivery a provider's message id belongs to, or null. */
    public Uni<Long> byProviderId(String providerMessageId) {
        return pool.preparedQuery("select id from delivery where provider_message_id = $1 limit 1").execute(Tuple.of(providerMessageId))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getLong("id") : null);
    }

    /** A bounce reported later: the address the delivery went to is not used again. */
    public Uni<Void> suppressAddressOf(long deliveryId, String reason, Instant now) {
        return pool.preparedQuery("""
                        insert into suppression (channel, address, reason, created_at)
                        select a.channel, a.address, $2, $3 from delivery d
                          join contact_address a on a.contact_id = d.contact_id and a.channel = d.sent_channel
                         where d.id = $1 and d.sent_channel in ('EMAIL', 'SMS')
                        on conflict do nothing""")
                .execute(Tuple.of(deliveryId, reason, odt(now))).replaceWithVoid();
    }
}
