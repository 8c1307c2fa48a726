package io.yunying.push.delivery;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

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
     * The claim, with its parameters numbered from {@code $n}: now, owner, lease end, limit, count caps,
     * and the owner whose batch the same statement records (its rows are not taken again). Rows other
     * workers hold are skipped, not waited for. Each row comes back with the contact and its main
     * channel's address (suppressed ones left out), consent for the template's topic and, when caps
     * are configured, what was sent to the contact on that channel in the last day and week; fallback
     * channels are looked up only for the rows whose main channel cannot be used.
     */
    private static String claimSql(int n) {
        String now = "$" + n + "::timestamptz";
        String owner = "$" + (n + 1);
        String lease = "$" + (n + 2);
        String limit = "$" + (n + 3);
        String caps = "$" + (n + 4);
        String previous = "$" + (n + 5);
        return """
                due as (
                    select id from delivery
                     where status in ('PENDING', 'SENDING') and due_at <= %1$s and not paused
                       and (status = 'PENDING' or lease_until < %1$s)
                       and (%6$s::text is null or lease_owner is distinct from %6$s::text)
                     order by due_at
                     limit %4$s
                     for update skip locked),
                claimed as (
                    update delivery d set status = 'SENDING', lease_owner = %2$s, lease_until = %3$s, attempts = d.attempts + 1
                      from due where d.id = due.id
                    returning d.id, d.source_kind, d.source_id, d.occurrence, d.contact_id, d.channel, d.fallback, d.variant,
                              d.template_id, d.fallback_templates, d.attempts)
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
                  from claimed d
                  left join contact c on c.id = d.contact_id
                  left join template t on t.id = d.template_id
                  left join campaign k on d.source_kind = 'CAMPAIGN' and k.id = d.source_id
                  -- consent_granted() written out: two index lookups per row instead of a function call
                  left join consent whole on whole.contact_id = d.contact_id and whole.channel = d.channel and whole.topic = '*'
                  left join consent topic on topic.contact_id = d.contact_id and topic.channel = d.channel
                                         and topic.topic = coalesce(t.topic, '*')
                  left join lateral (
                      select count(*) filter (where s.sent_at > %1$s - interval '1 day') as today, count(*) as week
                        from delivery s
                       where %5$s and s.contact_id = d.contact_id and s.sent_channel = d.channel and s.status = 'SENT'
                         and s.sent_at > %1$s - interval '7 days') sent on true""".formatted(now, owner, lease, limit, caps, previous);
    }

    private static final String CLAIM = "with " + claimSql(1);

    private final Pool pool;

    public DeliveryRepository(Pool pool) {
        this.pool = pool;
    }

    /** Claims up to {@code limit} due deliveries for one worker: pending ones, and ones whose lease ran out (a worker that died mid-send). */
    Uni<List<Claimed>> claim(String owner, Instant now, Instant leaseUntil, int limit, boolean countCaps) {
        return pool.preparedQuery(CLAIM)
                .execute(Tuple.from(new Object[]{odt(now), owner, odt(leaseUntil), limit, countCaps, null}))
                .map(DeliveryRepository::claimed);
    }

    /**
     * Writes the outcomes of {@code previous}'s batch and claims the next batch for {@code owner} in one
     * statement (one round trip, one commit): the worker never waits for its own bookkeeping.
     */
    Uni<List<Claimed>> recordAndClaim(String previous, List<Outcome> outcomes, Instant recordedAt, String owner, Instant now,
                                      Instant leaseUntil, int limit, boolean countCaps) {
        List<Object> params = new ArrayList<>(Arrays.asList(recordParams(previous, outcomes, recordedAt)));
        params.addAll(Arrays.asList(odt(now), owner, odt(leaseUntil), limit, countCaps, previous));
        return pool.preparedQuery("with " + RECORD_CTES + ",\n" + claimSql(RECORD_PARAMS + 1))
                .execute(Tuple.from(params))
                .map(DeliveryRepository::claimed);
    }

    private static List<Claimed> claimed(RowSet<Row> rows) {
        List<Claimed> list = new ArrayList<>(rows.size());
        for (Row r : rows) {
            JsonObject attributes = (JsonObject) r.getValue("attributes");
            UUID[] fallbackTemplates = r.getArrayOfUUIDs("fallback_templates");
            String[] fallback = r.getArrayOfStrings("fallback");
            Claimed.Option main = new Claimed.Option(r.getString("channel"), r.getString("address"), Boolean.TRUE.equals(r.getBoolean("granted")),
                    r.getLong("today"), r.getLong("week"));
            list.add(new Claimed(r.getLong("id"), r.getString("source_kind"), r.getUUID("source_id"), r.getString("occurrence"),
                    r.getUUID("contact_id"), r.getString("variant"), r.getUUID("template_id"),
                    fallbackTemplates == null ? List.of() : Arrays.asList(fallbackTemplates), r.getInteger("attempts"),
                    r.getBoolean("erased"), r.getBoolean("transactional"), r.getString("external_id"), r.getString("platform"),
                    r.getString("locale"), r.getString("time_zone"), r.getString("region"), r.getString("membership_tier"),
                    r.getOffsetDateTime("membership_expires_at"), r.getString("age_band"), r.getString("gender"),
                    attributes == null ? Map.of() : attributes.getMap(), r.getLocalTime("dnd_start"), r.getLocalTime("dnd_end"),
                    r.getString("unsubscribe_token"), List.of(main), fallback == null ? List.of() : Arrays.asList(fallback)));
        }
        return list;
    }

    /**
     * The fallback channels of these claimed deliveries, in order: address (suppressed ones left out),
     * consent and recent sends, as for the main channel. Asked only for rows whose main channel cannot be used.
     */
    Uni<Map<Long, List<Claimed.Option>>> fallbackOptions(List<Long> ids, Instant now, boolean countCaps) {
        return pool.preparedQuery("""
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

    /** Parameters the outcome CTEs bind before the claim's own. */
    private static final int RECORD_PARAMS = 16;

    /**
     * A batch's outcomes, written only where the worker ($1) still holds the lease; also suppresses
     * refused addresses and records bounce events.
     */
    private static final String RECORD_CTES = """
            written as (
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
                on conflict do nothing)""";

    /** Writes a batch's outcomes in one statement; how many this worker still held. */
    Uni<Integer> record(String owner, List<Outcome> outcomes, Instant now) {
        return pool.preparedQuery("with " + RECORD_CTES + "\nselect count(*) as n from written")
                .execute(Tuple.from(recordParams(owner, outcomes, now)))
                .map(rows -> rows.iterator().next().getInteger("n"));
    }

    private static Object[] recordParams(String owner, List<Outcome> outcomes, Instant now) {
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
        return new Object[]{owner, ids, status, reason, due, sentAt, sentChannel, providerId, refund, dead,
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
