package io.yunying.push.delivery;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.yunying.push.support.Times.instant;
import static io.yunying.push.support.Times.odt;

@ApplicationScoped
public class DeliveryRepository {

    private final Pool pool;

    public DeliveryRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Claims up to {@code limit} due deliveries for one worker in one statement: pending ones, and ones
     * whose previous claim's lease ran out (a worker that died mid-send). Rows other workers hold are
     * skipped, not waited for. Each comes back with the contact and, per channel to try, its address
     * (suppressed ones left out), consent for the template's topic and recent sends for the caps.
     */
    Uni<List<Claimed>> claim(String owner, Instant now, Instant leaseUntil, int limit, boolean countCaps) {
        return pool.preparedQuery("""
                        with due as (
                            select id from delivery
                             where status in ('PENDING', 'SENDING') and due_at <= $1 and not paused
                               and (status = 'PENDING' or lease_until < $1)
                             order by due_at
                             limit $4
                             for update skip locked),
                        claimed as (
                            update delivery d set status = 'SENDING', lease_owner = $2, lease_until = $3, attempts = d.attempts + 1
                              from due where d.id = due.id
                            returning d.*)
                        select d.id, d.source_kind, d.source_id, d.occurrence, d.contact_id, d.variant, d.template_id, d.fallback_templates,
                               d.attempts, c.erased_at is not null as erased, c.external_id, c.platform, c.locale, c.time_zone, c.region,
                               c.membership_tier, c.membership_expires_at, c.age_band, c.gender, c.attributes, c.dnd_start, c.dnd_end,
                               c.unsubscribe_token, o.channels, o.addresses, o.granted, o.today, o.week
                          from claimed d
                          join contact c on c.id = d.contact_id
                          join template t on t.id = d.template_id
                          cross join lateral (
                              select array_agg(x.ch order by x.ord) as channels,
                                     array_agg(case when x.ch = 'IN_APP' then c.external_id else
                                                 (select a.address from contact_address a
                                                   where a.contact_id = d.contact_id and a.channel = x.ch
                                                     and not exists (select 1 from suppression s where s.channel = x.ch and s.address = a.address)
                                                   order by a.updated_at desc limit 1) end order by x.ord) as addresses,
                                     array_agg(consent_granted(d.contact_id, x.ch, t.topic) order by x.ord) as granted,
                                     array_agg(case when $5 then (select count(*) from delivery s where s.contact_id = d.contact_id
                                                 and s.sent_channel = x.ch and s.status = 'SENT' and s.sent_at > $1 - interval '1 day') else 0 end
                                               order by x.ord) as today,
                                     array_agg(case when $5 then (select count(*) from delivery s where s.contact_id = d.contact_id
                                                 and s.sent_channel = x.ch and s.status = 'SENT' and s.sent_at > $1 - interval '7 days') else 0 end
                                               order by x.ord) as week
                                from unnest(array[d.channel] || d.fallback) with ordinality as x(ch, ord)) o""")
                .execute(Tuple.of(odt(now), owner, odt(leaseUntil), limit, countCaps))
                .map(DeliveryRepository::claimed);
    }

    private static List<Claimed> claimed(RowSet<Row> rows) {
        List<Claimed> list = new ArrayList<>(rows.size());
        for (Row r : rows) {
            String[] channels = r.getArrayOfStrings("channels");
            String[] addresses = r.getArrayOfStrings("addresses");
            Boolean[] granted = r.getArrayOfBooleans("granted");
            Long[] today = r.getArrayOfLongs("today");
            Long[] week = r.getArrayOfLongs("week");
            List<Claimed.Option> options = new ArrayList<>(channels.length);
            for (int i = 0; i < channels.length; i++) {
                options.add(new Claimed.Option(channels[i], addresses[i], Boolean.TRUE.equals(granted[i]), today[i], week[i]));
            }
            JsonObject attributes = (JsonObject) r.getValue("attributes");
            UUID[] fallbackTemplates = r.getArrayOfUUIDs("fallback_templates");
            list.add(new Claimed(r.getLong("id"), r.getString("source_kind"), r.getUUID("source_id"), r.getString("occurrence"),
                    r.getUUID("contact_id"), r.getString("variant"), r.getUUID("template_id"),
                    fallbackTemplates == null ? List.of() : Arrays.asList(fallbackTemplates), r.getInteger("attempts"),
                    r.getBoolean("erased"), r.getString("external_id"), r.getString("platform"), r.getString("locale"),
                    r.getString("time_zone"), r.getString("region"), r.getString("membership_tier"),
                    r.getOffsetDateTime("membership_expires_at"), r.getString("age_band"), r.getString("gender"),
                    attributes == null ? Map.of() : attributes.getMap(), r.getLocalTime("dnd_start"), r.getLocalTime("dnd_end"),
                    r.getString("unsubscribe_token"), options));
        }
        return list;
    }

    /**
     * Writes a batch's outcomes in one statement, only where this worker still holds the lease; also
     * suppresses refused addresses and records bounce events.
     */
    Uni<Integer> record(String owner, List<Outcome> outcomes, Instant now) {
        int n = outcomes.size();
        Long[] ids = new Long[n];
        String[] status = new String[n];
        String[] reason = new String[n];
        java.time.OffsetDateTime[] due = new java.time.OffsetDateTime[n];
        java.time.OffsetDateTime[] sentAt = new java.time.OffsetDateTime[n];
        String[] sentChannel = new String[n];
        String[] providerId = new String[n];
        Boolean[] refund = new Boolean[n];
        Boolean[] dead = new Boolean[n];
        List<String> supChannel = new ArrayList<>();
        List<String> supAddress = new ArrayList<>();
        List<String> supReason = new ArrayList<>();
        List<Long> eventIds = new ArrayList<>();
        List<String> eventTypes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Outcome o = outcomes.get(i);
            ids[i] = o.id();
            status[i] = o.status();
            reason[i] = o.reason();
            due[i] = odt(o.dueAt());
            sentAt[i] = odt(o.sentAt());
            sentChannel[i] = o.sentChannel();
            providerId[i] = o.providerMessageId();
            refund[i] = o.refund();
            dead[i] = o.deadLetter();
            if (o.suppress() != null) {
                supChannel.add(o.suppress().channel());
                supAddress.add(o.suppress().address());
                supReason.add(o.suppress().reason());
            }
            if (o.event() != null) {
                eventIds.add(o.id());
                eventTypes.add(o.event());
            }
        }
        return pool.preparedQuery("""
                        with written as (
                            update delivery d set status = u.status, reason = u.reason, due_at = coalesce(u.due_at, d.due_at),
                                   sent_at = u.sent_at, sent_channel = u.sent_channel, provider_message_id = u.provider_id,
                                   attempts = d.attempts - case when u.refund then 1 else 0 end, dead_letter = u.dead,
                                   lease_owner = null, lease_until = null
                              from unnest($2::bigint[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::text[], $8::text[],
                                          $9::boolean[], $10::boolean[])
                                   as u(id, status, reason, due_at, sent_at, sent_channel, provider_id, refund, dead)
                             where d.id = u.id and d.status = 'SENDING' and d.lease_owner = $1
                            returning d.id),
                        suppressed as (
                            insert into suppression (channel, address, reason, created_at)
                            select * , $14::timestamptz from unnest($11::text[], $12::text[], $13::text[]) on conflict do nothing),
                        events as (
                            insert into delivery_event (delivery_id, type, at)
                            select e.id, e.type, $14::timestamptz from unnest($15::bigint[], $16::text[]) as e(id, type)
                             where e.id in (select id from written)
                            on conflict do nothing)
                        select count(*) as n from written""")
                .execute(Tuple.from(new Object[]{owner, ids, status, reason, due, sentAt, sentChannel, providerId, refund, dead,
                        supChannel.toArray(String[]::new), supAddress.toArray(String[]::new), supReason.toArray(String[]::new),
                        odt(now), eventIds.toArray(Long[]::new), eventTypes.toArray(String[]::new)}))
                .map(rows -> rows.iterator().next().getInteger("n"));
    }

    /**
     * Takes up to {@code wanted} sends from the channel's budget for one second, shared by every replica
     * through one row per channel and second. Returns how many were granted.
     */
    Uni<Integer> takeBudget(String channel, long second, int wanted, int perSecond) {
        return pool.withTransaction(tx -> tx.preparedQuery("insert into send_budget (channel, second, used) values ($1, $2, 0) on conflict do nothing")
                .execute(Tuple.of(channel, second))
                .flatMap(x -> tx.preparedQuery("select used from send_budget where channel = $1 and second = $2 for update")
                        .execute(Tuple.of(channel, second)))
                .flatMap(rows -> {
                    int used = rows.iterator().next().getInteger("used");
                    int granted = Math.max(0, Math.min(wanted, perSecond - used));
                    return tx.preparedQuery("update send_budget set used = used + $3 where channel = $1 and second = $2")
                            .execute(Tuple.of(channel, second, granted))
                            .flatMap(y -> tx.preparedQuery("delete from send_budget where channel = $1 and second < $2")
                                    .execute(Tuple.of(channel, second - 60)))
                            .replaceWith(granted);
                }));
    }

    static final String VIEW = """
            select d.*, c.external_id from delivery d join contact c on c.id = d.contact_id""";

    Uni<DeliveryView> find(long id) {
        return pool.preparedQuery(VIEW + " where d.id = $1").execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? view(rows.iterator().next()) : null);
    }

    Uni<List<DeliveryView>> deadLetters(long afterId, int limit) {
        return pool.preparedQuery(VIEW + " where d.dead_letter and d.id > $1 order by d.id limit $2").execute(Tuple.of(afterId, limit))
                .map(rows -> {
                    List<DeliveryView> list = new ArrayList<>();
                    rows.forEach(r -> list.add(view(r)));
                    return list;
                });
    }

    /** A dead letter back to PENDING with its attempts reset; false when it is not one. */
    Uni<Boolean> requeue(long id, Instant now) {
        return pool.preparedQuery("""
                        update delivery set status = 'PENDING', dead_letter = false, attempts = 0, due_at = $2, reason = 'requeued'
                         where id = $1 and dead_letter and status = 'FAILED'""")
                .execute(Tuple.of(id, odt(now))).map(rows -> rows.rowCount() == 1);
    }

    Uni<List<Map<String, Object>>> suppressions(String afterKey, int limit) {
        return pool.preparedQuery("""
                        select channel, address, reason, created_at from suppression where channel || ':' || address > $1
                         order by channel || ':' || address limit $2""")
                .execute(Tuple.of(afterKey, limit))
                .map(rows -> {
                    List<Map<String, Object>> list = new ArrayList<>();
                    rows.forEach(r -> list.add(Map.of("channel", r.getString("channel"), "address", r.getString("address"),
                            "reason", r.getString("reason"), "createdAt", instant(r.getOffsetDateTime("created_at")))));
                    return list;
                });
    }

    Uni<Boolean> unsuppress(String channel, String address) {
        return pool.preparedQuery("delete from suppression where channel = $1 and address = $2").execute(Tuple.of(channel, address))
                .map(rows -> rows.rowCount() == 1);
    }

    private static DeliveryView view(Row r) {
        return new DeliveryView(r.getLong("id"), r.getString("source_kind"), r.getUUID("source_id"), r.getString("occurrence"),
                r.getString("external_id"), r.getString("channel"), List.of(r.getArrayOfStrings("fallback")), r.getString("sent_channel"),
                r.getString("variant"), r.getString("status"), r.getString("reason"), instant(r.getOffsetDateTime("due_at")),
                r.getInteger("attempts"), r.getBoolean("dead_letter"), instant(r.getOffsetDateTime("sent_at")),
                r.getString("provider_message_id"), instant(r.getOffsetDateTime("created_at")));
    }
}
