package io.yunying.push.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.yunying.push.contact.Channel;
import io.yunying.push.segment.Audience;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.yunying.push.support.Times.instant;
import static io.yunying.push.support.Times.odt;

@ApplicationScoped
public class CampaignRepository {

    private static final TypeReference<List<VariantRequest>> VARIANTS = new TypeReference<>() {
    };

    private final Pool pool;
    private final ObjectMapper json;

    public CampaignRepository(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    public Pool pool() {
        return pool;
    }

    public Uni<CampaignView> insert(CampaignRequest r, Instant now) {
        return pool.preparedQuery("""
                        insert into campaign (key, name, description, status, segments, exclusions, channels, variants, holdout_percent,
                                              schedule_kind, send_at, local_date, local_time, cron, cron_zone, goal_event, goal_window_hours,
                                              created_at, updated_at, transactional)
                        values ($1, $2, $3, 'DRAFT', $4, $5, $6, $7::text::jsonb, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17, $18)
                        returning *""")
                .execute(Tuple.from(values(r, now)))
                .map(this::first);
    }

    public Uni<Integer> update(String key, Long expectedVersion, CampaignRequest r, Instant now) {
        List<Object> params = new ArrayList<>(Arrays.asList(values(r, now)));
        params.add(key);
        params.add(expectedVersion);
        return pool.preparedQuery("""
                        update campaign set name = $2, description = $3, segments = $4, exclusions = $5, channels = $6,
                               variants = $7::text::jsonb, holdout_percent = $8, schedule_kind = $9, send_at = $10, local_date = $11,
                               local_time = $12, cron = $13, cron_zone = $14, goal_event = $15, goal_window_hours = $16, updated_at = $17,
                               transactional = $18, version = version + 1
                         where key = $19 and ($20::bigint is null or version = $20) and status in ('DRAFT', 'SCHEDULED', 'PAUSED')""")
                .execute(Tuple.from(params))
                .map(RowSet::rowCount);
    }

    private Object[] values(CampaignRequest r, Instant now) {
        Schedule s = r.schedule();
        return new Object[]{r.key(), r.name(), r.description(), r.segments().toArray(String[]::new),
                (r.exclusions() == null ? List.<String>of() : r.exclusions()).toArray(String[]::new),
                r.channels().stream().map(Channel::name).toArray(String[]::new), write(r.variants()),
                r.holdoutPercent() == null ? java.math.BigDecimal.ZERO : r.holdoutPercent(), s.kind().name(), odt(s.at()),
                s.localDate(), s.localTime(), s.cron(), s.zone(), r.goalEvent(), r.goalWindowHours() == null ? 72 : r.goalWindowHours(),
                odt(now), r.isTransactional()};
    }

    public Uni<CampaignView> find(String key) {
        return pool.preparedQuery("select * from campaign where key = $1").execute(Tuple.of(key)).map(this::first);
    }

    public Uni<List<CampaignView>> page(String afterKey, int limit) {
        return pool.preparedQuery("select * from campaign where key > $1 order by key limit $2").execute(Tuple.of(afterKey, limit)).map(this::all);
    }

    /** Deliveries by status and the holdout size. */
    public Uni<Map<String, Long>> counts(UUID campaign) {
        return pool.preparedQuery("""
                        select status, count(*) as n from delivery where source_kind = 'CAMPAIGN' and source_id = $1 group by status
                        union all
                        select 'holdout', count(*) from delivery_holdout where source_id = $1""")
                .execute(Tuple.of(campaign))
                .map(rows -> {
                    Map<String, Long> counts = new LinkedHashMap<>();
                    rows.forEach(row -> counts.put(row.getString("status"), row.getLong("n")));
                    return counts;
                });
    }

    /**
     * Moves a campaign from one of {@code from} to {@code to} when its version still matches (or none
     * is expected); returns the campaign after the change, or null when nothing changed.
     */
    public Uni<CampaignView> transition(SqlClient client, String key, List<CampaignStatus> from, CampaignStatus to, Long expectedVersion,
                                       Instant nextRunAt, Instant now) {
        return client.preparedQuery("""
                        update campaign set status = $3,
                               paused_from = case when $3 = 'PAUSED' then status end,
                               next_run_at = case when $3 in ('CANCELLED', 'COMPLETED') then null
                                                  when $5::timestamptz is not null then $5 else next_run_at end,
                               updated_at = $6, version = version + 1
                         where key = $1 and status = any($2) and ($4::bigint is null or version = $4)
                        returning *""")
                .execute(Tuple.from(new Object[]{key, from.stream().map(Enum::name).toArray(String[]::new), to.name(), expectedVersion,
                        odt(nextRunAt), odt(now)}))
                .map(this::first);
    }

    /** A scheduled campaign whose schedule was edited waits for its new first run. */
    public Uni<Void> reschedule(UUID campaign, Instant nextRunAt) {
        return pool.preparedQuery("update campaign set next_run_at = $2 where id = $1 and status = 'SCHEDULED'")
                .execute(Tuple.of(campaign, odt(nextRunAt))).replaceWithVoid();
    }

    /** A paused campaign back to the status it was paused in. */
    public Uni<CampaignView> resume(SqlClient client, String key, Long expectedVersion, Instant nextRunAt, Instant now) {
        return client.preparedQuery("""
                        update campaign set status = coalesce(paused_from, 'SCHEDULED'), paused_from = null,
                               next_run_at = coalesce($3, next_run_at), updated_at = $4, version = version + 1
                         where key = $1 and status = 'PAUSED' and ($2::bigint is null or version = $2)
                        returning *""")
                .execute(Tuple.from(new Object[]{key, expectedVersion, odt(nextRunAt), odt(now)}))
                .map(this::first);
    }

    /** Holds (or releases) the campaign's deliveries not yet sent; their due times are kept. */
    public Uni<Integer> hold(SqlClient client, UUID campaign, boolean paused) {
        return client.preparedQuery("update delivery set paused = $2 where source_id = $1 and source_kind = 'CAMPAIGN' and status = 'PENDING' and paused <> $2")
                .execute(Tuple.of(campaign, paused)).map(RowSet::rowCount);
    }

    public Uni<Integer> cancelDeliveries(SqlClient client, UUID campaign) {
        return client.preparedQuery("update delivery set status = 'CANCELLED', reason = 'campaign_cancelled', paused = false where source_id = $1 and source_kind = 'CAMPAIGN' and status = 'PENDING'")
                .execute(Tuple.of(campaign)).map(RowSet::rowCount);
    }

    /** Campaigns whose next run is due. */
    public Uni<List<CampaignView>> due(Instant now, int limit) {
        return pool.preparedQuery("select * from campaign where status in ('SCHEDULED', 'RUNNING') and next_run_at <= $1 order by next_run_at limit $2")
                .execute(Tuple.of(odt(now), limit)).map(this::all);
    }

    /** Locks the campaign row for a fan-out; null when it is no longer in a status that sends. */
    public Uni<CampaignView> lockForRun(SqlClient client, UUID campaign, Instant runAt) {
        return client.preparedQuery("select * from campaign where id = $1 and status in ('SCHEDULED', 'RUNNING') and next_run_at = $2 for update")
                .execute(Tuple.of(campaign, odt(runAt))).map(this::first);
    }

    /** After a run: the next one (cron) or RUNNING until every delivery is done. */
    public Uni<Integer> advance(SqlClient client, UUID campaign, Instant runAt, Instant next, Instant now) {
        return client.preparedQuery("""
                        update campaign set next_run_at = $3, status = case when $3::timestamptz is null then 'RUNNING' else status end,
                               updated_at = $4
                         where id = $1 and next_run_at = $2""")
                .execute(Tuple.of(campaign, odt(runAt), odt(next), odt(now))).map(RowSet::rowCount);
    }

    /** One-off campaigns with nothing left to send are done. */
    public Uni<Integer> complete(Instant now) {
        return pool.preparedQuery("""
                        update campaign c set status = 'COMPLETED', updated_at = $1, version = version + 1
                         where c.status = 'RUNNING' and c.next_run_at is null
                           and not exists (select 1 from delivery d where d.source_kind = 'CAMPAIGN' and d.source_id = c.id
                                              and d.status = 'PENDING')""")
                .execute(Tuple.of(odt(now))).map(RowSet::rowCount);
    }

    /** The variants of one run, resolved to template ids, in hash-bucket ranges over 0..9999. */
    public record Split(String[] keys, Integer[] lower, Integer[] upper, UUID[] templates, String[] fallbackTemplates) {
    }

    /**
     * Fans one run out: the audience is hashed per contact (stable across runs), the holdout share goes
     * to delivery_holdout, the rest to delivery split by variant. With {@code parallel} above 1 the
     * contacts are split into that many ranges of {@code seq}, each written by its own statement on its
     * own connection (and committed on its own); the caller's transaction holds the campaign row, so no
     * one else fans this campaign out meanwhile. The unique keys make the run exactly once however it is
     * repeated: a run whose occurrence has no row yet inserts plainly (a conflict would be an error, never
     * a duplicate); one that was partly written before (a crash between ranges) skips what exists.
     */
    public Uni<RunResult> fanOut(SqlClient tx, CampaignView c, String occurrence, Instant now, int holdoutBasisPoints,
                                 Split split, Instant dueAt, LocalDateTime localDue, Audience audience, int parallel) {
        return tx.preparedQuery("""
                        select exists (select 1 from delivery where source_kind = 'CAMPAIGN' and source_id = $1 and occurrence = $2)
                            or exists (select 1 from delivery_holdout where source_id = $1 and occurrence = $2) as started,
                               (select min(seq) from contact) as lo, (select max(seq) from contact) as hi""")
                .execute(Tuple.of(c.id(), occurrence))
                .flatMap(rows -> {
                    Row row = rows.iterator().next();
                    boolean started = row.getBoolean("started");
                    long lo = row.getLong("lo") == null ? 0 : row.getLong("lo");
                    long hi = row.getLong("hi") == null ? 0 : row.getLong("hi");
                    String sql = fanOutSql(audience, started);
                    if (parallel <= 1) {
                        return range(tx, sql, c, occurrence, now, holdoutBasisPoints, split, dueAt, localDue, audience, lo, hi);
                    }
                    long width = (hi - lo) / parallel + 1;
                    List<Uni<RunResult>> ranges = new ArrayList<>();
                    for (int i = 0; i < parallel; i++) {
                        long from = lo + i * width;
                        long to = i == parallel - 1 ? Long.MAX_VALUE : from + width - 1;
                        ranges.add(range(pool, sql, c, occurrence, now, holdoutBasisPoints, split, dueAt, localDue, audience, from, to));
                    }
                    return Uni.join().all(ranges).andFailFast().map(results -> new RunResult(c.key(), occurrence,
                            results.stream().mapToLong(RunResult::deliveries).sum(), results.stream().mapToLong(RunResult::heldOut).sum()));
                });
    }

    private Uni<RunResult> range(SqlClient client, String sql, CampaignView c, String occurrence, Instant now, int holdoutBasisPoints,
                                 Split split, Instant dueAt, LocalDateTime localDue, Audience audience, long fromSeq, long toSeq) {
        List<Object> params = new ArrayList<>(List.of(c.id(), occurrence, odt(now), holdoutBasisPoints, c.channels().get(0).name(),
                c.channels().stream().skip(1).map(Channel::name).toArray(String[]::new),
                split.keys(), split.lower(), split.upper(), split.templates(), split.fallbackTemplates()));
        params.add(odt(dueAt));
        params.add(localDue);
        params.add(fromSeq);
        params.add(toSeq);
        params.addAll(audience.params());
        return client.preparedQuery(sql).execute(Tuple.from(params)).map(rows -> {
            Row row = rows.iterator().next();
            return new RunResult(c.key(), occurrence, row.getLong("owed"), row.getLong("held"));
        });
    }

    private static String fanOutSql(Audience audience, boolean started) {
        String onConflict = started ? "on conflict do nothing" : "";
        return """
                with audience as (
                    select c.id, c.time_zone,
                           ((hashtextextended($1::uuid::text || ':holdout:' || c.id::text, 0) % 10000) + 10000) % 10000 as h_hold,
                           ((hashtextextended($1::uuid::text || ':variant:' || c.id::text, 0) % 10000) + 10000) % 10000 as h_var
                      from contact c
                      left join contact_rfm r on r.contact_id = c.id
                      left join contact_lifecycle l on l.contact_id = c.id
                     where c.seq between $14 and $15 and c.erased_at is null and\s""" + audience.where() + """
                ),
                held as (
                    insert into delivery_holdout (source_id, occurrence, contact_id, created_at)
                    select $1::uuid, $2::text, id, $3::timestamptz from audience where h_hold < $4
                    {onConflict}
                    returning 1),
                owed as (
                    insert into delivery (source_kind, source_id, occurrence, contact_id, channel, fallback, fallback_templates,
                                          variant, template_id, status, due_at, created_at)
                    select 'CAMPAIGN', $1, $2, a.id, $5, $6, string_to_array(v.fb, ',', '')::uuid[], v.key, v.tpl, 'PENDING',
                           coalesce($12, $13::timestamp at time zone a.time_zone), $3
                      from audience a
                      join unnest($7::text[], $8::int[], $9::int[], $10::uuid[], $11::text[]) as v(key, lower, upper, tpl, fb)
                        on a.h_var >= v.lower and a.h_var < v.upper
                     where a.h_hold >= $4
                    {onConflict}
                    returning 1)
                select (select count(*) from owed) as owed, (select count(*) from held) as held""".replace("{onConflict}", onConflict);
    }

    /** Seed-list deliveries: every seed gets every variant now, outside the campaign's counts. */
    public Uni<Long> testSend(UUID campaign, List<String> externalIds, String runId, String channel, String[] fallback,
                              String[] variants, UUID[] templates, String[] fallbackTemplates, Instant now) {
        return pool.preparedQuery("""
                        with seeds as (select id from contact where external_id = any($2) and erased_at is null),
                        owed as (
                            insert into delivery (source_kind, source_id, occurrence, contact_id, channel, fallback, fallback_templates,
                                                  variant, template_id, status, due_at, created_at)
                            select 'TEST', $1, $3 || '-' || v.key, s.id, $4, $5, string_to_array(v.fb, ',', '')::uuid[], v.key, v.tpl,
                                   'PENDING', $9, $9
                              from seeds s cross join unnest($6::text[], $7::uuid[], $8::text[]) as v(key, tpl, fb)
                            on conflict do nothing
                            returning 1)
                        select count(*) as n from owed""")
                .execute(Tuple.from(new Object[]{campaign, externalIds.toArray(String[]::new), runId, channel, fallback, variants,
                        templates, fallbackTemplates, odt(now)}))
                .map(rows -> rows.iterator().next().getLong("n"));
    }

    public Uni<List<String>> unknownContacts(List<String> externalIds) {
        return pool.preparedQuery("select x from unnest($1::text[]) x where not exists (select 1 from contact c where c.external_id = x and c.erased_at is null)")
                .execute(Tuple.of(externalIds.toArray(String[]::new)))
                .map(rows -> {
                    List<String> missing = new ArrayList<>();
                    rows.forEach(row -> missing.add(row.getString(0)));
                    return missing;
                });
    }

    private String write(List<VariantRequest> variants) {
        try {
            return json.writeValueAsString(variants);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private CampaignView first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? view(it.next()) : null;
    }

    private List<CampaignView> all(RowSet<Row> rows) {
        List<CampaignView> list = new ArrayList<>();
        rows.forEach(row -> list.add(view(row)));
        return list;
    }

    private CampaignView view(Row row) {
        List<VariantRequest> variants;
        try {
            variants = json.readValue(row.getValue("variants").toString(), VARIANTS);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        CampaignStatus status = CampaignStatus.valueOf(row.getString("status"));
        Schedule schedule = new Schedule(Schedule.Kind.valueOf(row.getString("schedule_kind")), instant(row.getOffsetDateTime("send_at")),
                row.getLocalDate("local_date"), row.getLocalTime("local_time"), row.getString("cron"), row.getString("cron_zone"));
        return new CampaignView(row.getUUID("id"), row.getString("key"), row.getString("name"), row.getString("description"), status,
                status.actions(), List.of(row.getArrayOfStrings("segments")), List.of(row.getArrayOfStrings("exclusions")),
                Arrays.stream(row.getArrayOfStrings("channels")).map(Channel::valueOf).toList(), variants,
                row.getBigDecimal("holdout_percent"), schedule, row.getString("goal_event"), row.getInteger("goal_window_hours"),
                row.getBoolean("transactional"), instant(row.getOffsetDateTime("next_run_at")), null,
                instant(row.getOffsetDateTime("created_at")), instant(row.getOffsetDateTime("updated_at")), row.getLong("version"));
    }
}
