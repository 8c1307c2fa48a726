package io.yunying.push.delivery;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.yunying.push.support.Times.instant;
import static io.yunying.push.support.Times.odt;

@ApplicationScoped
public class DeliveryRepository {

    /**
     * The claim: $1 now, $2 limit, $3 count caps. Due rows are locked ({@code FOR NO KEY UPDATE SKIP LOCKED}:
     * the inbox and event rows that reference a delivery can still be written while it is held) in the
     * worker's transaction, which is the lease: the rows stay PENDING and nothing is written to them until
     * the outcomes are, so a claim costs no row version and no index entry. Rows other workers hold are
     * skipped, not waited for. Each row comes back with this attempt's number, the contact and its main
     * channel's address (suppressed ones left out), consent for the template's topic and, when caps are
     * configured, what was sent to the contact on that channel in the last day and week; fallback channels
     * are looked up only for the rows whose main channel cannot be used.
     */
    private static final String CLAIM = """
            with due as (
                select id, source_kind, source_id, occurrence, contact_id, channel, fallback, variant, template_id,
                       fallback_templates, attempts + 1 as attempts
                  from delivery
                 where status = 'PENDING' and due_at <= $1::timestamptz and not paused
                 order by due_at
                 limit $2
                 for no key update skip locked)
            select d.id, d.source_kind, d.source_id, d.occurrence, d.contact_id, d.channel, d.fallback, d.variant, d.template_id,
                   d.fallback_templates, d.attempts, coalesce(k.transactional, false) as transactional,
                   c.id is null or c.erased_at is not null as erased, c.external_id, c.platform, c.locale, c.time_zone, c.region,
                   c.membership_tier, c.membership_expires_at, c.age_band, c.gender, c.attributes, c.dnd_start, c.dnd_end,
                   c.unsubscribe_token,
                   case when d.channel = 'IN_APP' then c.external_id else
                       (select a.address from contact_address a
                         where a.contact_id = d.contact_id and a.channel = d.channel
                           and not exists (select 1 from suppression s where s.channel = d.channel and s.address = a.address)
                         order by a.updated_at desc limit 1) end as address,
                   coalesce(whole.status, 'NONE') <> 'UNSUBSCRIBED'
                       and coalesce(topic.status, whole.status, 'NONE') = 'SUBSCRIBED' as granted,
                   coalesce(sent.today, 0) as today, coalesce(sent.week, 0) as week
              from due d
              left join contact c on c.id = d.contact_id
              left join template t on t.id = d.template_id
              left join campaign k on d.source_kind = 'CAMPAIGN' and k.id = d.source_id
              -- consent_granted() written out: two index lookups per row instead of a function call
              left join consent whole on whole.contact_id = d.contact_id and whole.channel = d.channel and whole.topic = '*'
              left join consent topic on topic.contact_id = d.contact_id and topic.channel = d.channel
                                     and topic.topic = coalesce(t.topic, '*')
              left join lateral (
                  select count(*) filter (where s.sent_at > $1::timestamptz - interval '1 day') as today, count(*) as week
                    from delivery s
                   where $3 and s.contact_id = d.contact_id and s.sent_channel = d.channel and s.status = 'SENT'
                     and s.sent_at > $1::timestamptz - interval '7 days') sent on true""";

    private final Pool pool;

    public DeliveryRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Claims up to {@code limit} due deliveries in a transaction of their own on a connection of their own.
     * The transaction is the lease: the server ends it after {@code lease} without a statement (a hung worker),
     * and at once when the worker's connection drops (a dead one); either way the rows are free again and the
     * next worker sends them with the same keys. An empty claim is already closed.
     */
    Uni<ClaimedBatch> claim(Instant now, Duration lease, int limit, boolean countCaps) {
        return pool.getConnection().flatMap(connection -> connection.begin()
                .flatMap(tx -> connection.preparedQuery("select set_config('idle_in_transaction_session_timeout', $1, true)")
                        .execute(Tuple.of(Long.toString(Math.max(1, lease.toMillis()))))
                        .flatMap(x -> connection.preparedQuery(CLAIM).execute(Tuple.of(odt(now), limit, countCaps)))
                        .map(rows -> new ClaimedBatch(connection, tx, claimed(rows))))
                .call(batch -> batch.rows().isEmpty() ? batch.commit() : Uni.createFrom().voidItem())
                .onFailure().call(connection::close));
    }

    /** The claimed rows; columns are looked up by name once per batch, not once per row and column. */
    private static List<Claimed> claimed(RowSet<Row> rows) {
        List<String> names = rows.columnsNames();
        if (names == null) {
            return List.of();
        }
        int id = names.indexOf("id"), sourceKind = names.indexOf("source_kind"), sourceId = names.indexOf("source_id"),
                occurrence = names.indexOf("occurrence"), contactId = names.indexOf("contact_id"), channel = names.indexOf("channel"),
                fallback = names.indexOf("fallback"), variant = names.indexOf("variant"), templateId = names.indexOf("template_id"),
                fallbackTemplates = names.indexOf("fallback_templates"), attempts = names.indexOf("attempts"),
                transactional = names.indexOf("transactional"), erased = names.indexOf("erased"), externalId = names.indexOf("external_id"),
                platform = names.indexOf("platform"), locale = names.indexOf("locale"), timeZone = names.indexOf("time_zone"),
                region = names.indexOf("region"), tier = names.indexOf("membership_tier"), expires = names.indexOf("membership_expires_at"),
                ageBand = names.indexOf("age_band"), gender = names.indexOf("gender"), attributes = names.indexOf("attributes"),
                dndStart = names.indexOf("dnd_start"), dndEnd = names.indexOf("dnd_end"), unsubscribe = names.indexOf("unsubscribe_token"),
                address = names.indexOf("address"), granted = names.indexOf("granted"), today = names.indexOf("today"),
                week = names.indexOf("week");
        List<Claimed> list = new ArrayList<>(rows.size());
        for (Row r : rows) {
            JsonObject attrs = (JsonObject) r.getValue(attributes);
            UUID[] fallbackTpl = r.getArrayOfUUIDs(fallbackTemplates);
            String[] fallbackChannels = r.getArrayOfStrings(fallback);
            Claimed.Option main = new Claimed.Option(r.getString(channel), r.getString(address), Boolean.TRUE.equals(r.getBoolean(granted)),
                    r.getLong(today), r.getLong(week));
            list.add(new Claimed(r.getLong(id), r.getString(sourceKind), r.getUUID(sourceId), r.getString(occurrence),
                    r.getUUID(contactId), r.getString(variant), r.getUUID(templateId),
                    fallbackTpl == null ? List.of() : Arrays.asList(fallbackTpl), r.getInteger(attempts),
                    r.getBoolean(erased), r.getBoolean(transactional), r.getString(externalId), r.getString(platform),
                    r.getString(locale), r.getString(timeZone), r.getString(region), r.getString(tier),
                    r.getOffsetDateTime(expires), r.getString(ageBand), r.getString(gender),
                    attrs == null ? Map.of() : attrs.getMap(), r.getLocalTime(dndStart), r.getLocalTime(dndEnd),
                    r.getString(unsubscribe), List.of(main), fallbackChannels == null ? List.of() : Arrays.asList(fallbackChannels)));
        }
        return list;
    }

    /**
     * The fallback channels of these claimed deliveries, in order: address (suppressed ones left out),
     * consent and recent sends, as for the main channel. Asked only for rows whose main channel cannot be used,
     * on the batch's own connection.
     */
    Uni<Map<Long, List<Claimed.Option>>> fallbackOptions(ClaimedBatch batch, List<Long> ids, Instant now, boolean countCaps) {
        return batch.connection().preparedQuery("""
                        select d.id, o.channels, o.addresses, o.granted, o.today, o.week
                          from delivery d
                          join contact c on c.id = d.contact_id
                          left join template t on t.id = d.template_id
                          cross join lateral (
                              select array_agg(x.ch order by x.ord) as channels,
                                     array_agg(case when x.ch = 'IN_APP' then c.external_id else
                                                 (select a.address from contact_address a
                                                   where a.contact_id = d.contact_id and a.channel = x.ch
                                                     and not exists (select 1 from suppression s where s.channel = x.ch and s.address = a.address)
                                                   order by a.updated_at desc limit 1) end order by x.ord) as addresses,
                                     array_agg(consent_granted(d.contact_id, x.ch, coalesce(t.topic, '*')) order by x.ord) as granted,
                                     array_agg(case when $3 then (select count(*) from delivery s where s.contact_id = d.contact_id
                                                 and s.sent_channel = x.ch and s.status = 'SENT' and s.sent_at > $2::timestamptz - interval '1 day') else 0 end
                                               order by x.ord) as today,
                                     array_agg(case when $3 then (select count(*) from delivery s where s.contact_id = d.contact_id
                                                 and s.sent_channel = x.ch and s.status = 'SENT' and s.sent_at > $2::timestamptz - interval '7 days') else 0 end
                                               order by x.ord) as week
                                from unnest(d.fallback) with ordinality as x(ch, ord)) o
                         where d.id = any($1) and cardinality(d.fallback) > 0""")
                .execute(Tuple.of(ids.toArray(Long[]::new), odt(now), countCaps))
                .map(rows -> {
                    Map<Long, List<Claimed.Option>> byId = new HashMap<>();
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
                        byId.put(r.getLong("id"), options);
                    }
                    return byId;
                });
    }

    /**
     * A batch's outcomes, written in the claim's transaction (its row locks are the lease) and committed with
     * it; also suppresses refused addresses and records bounce events. Each row counts this attempt unless
     * its outcome gives it back (a hold or a throttle wait). Fails when the lease ended before: the rows are
     * then someone else's again.
     */
    Uni<Integer> record(ClaimedBatch batch, List<Outcome> outcomes, Instant now) {
        return batch.connection().preparedQuery("""
                        with written as (
                            update delivery d set status = u.status, reason = u.reason, due_at = coalesce(u.due_at, d.due_at),
                                   sent_at = u.sent_at, sent_channel = u.sent_channel, provider_message_id = u.provider_id,
                                   attempts = d.attempts + case when u.refund then 0 else 1 end, dead_letter = u.dead
                              from unnest($1::bigint[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::text[], $7::text[],
                                          $8::boolean[], $9::boolean[])
                                   as u(id, status, reason, due_at, sent_at, sent_channel, provider_id, refund, dead)
                             where d.id = u.id and d.status = 'PENDING'
                            returning d.id),
                        suppressed as (
                            insert into suppression (channel, address, reason, created_at)
                            select * , $13::timestamptz from unnest($10::text[], $11::text[], $12::text[]) on conflict do nothing),
                        events as (
                            insert into delivery_event (delivery_id, type, at)
                            select e.id, e.type, $13::timestamptz from unnest($14::bigint[], $15::text[]) as e(id, type)
                             where e.id in (select id from written)
                            on conflict do nothing)
                        select count(*) as n from written""")
                .execute(Tuple.from(recordParams(outcomes, now)))
                .map(rows -> rows.iterator().next().getInteger("n"))
                .call(written -> batch.commit());
    }

    private static Object[] recordParams(List<Outcome> outcomes, Instant now) {
        int n = outcomes.size();
        Long[] ids = new Long[n];
        String[] status = new String[n];
        String[] reason = new String[n];
        OffsetDateTime[] due = new OffsetDateTime[n];
        OffsetDateTime[] sentAt = new OffsetDateTime[n];
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
        return new Object[]{ids, status, reason, due, sentAt, sentChannel, providerId, refund, dead,
                supChannel.toArray(String[]::new), supAddress.toArray(String[]::new), supReason.toArray(String[]::new),
                odt(now), eventIds.toArray(Long[]::new), eventTypes.toArray(String[]::new)};
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
