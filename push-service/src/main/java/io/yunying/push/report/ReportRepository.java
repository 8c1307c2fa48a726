package io.yunying.push.report;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The report figures, each one grouped query over the delivery ledger, its events and behaviour
 * events. Contacts count once per run: deliveries of one (run, contact) on several channels are one.
 */
@ApplicationScoped
public class ReportRepository {

    /**
     * Per (group, run, contact): first sent time and whether any of its deliveries was delivered,
     * opened, clicked. {@code $1} filters the ledger, {@code $2}/{@code $3} are the goal event and
     * window in hours used by the selects that follow.
     */
    private static final String PER_CONTACT = """
            ev as (
                select x.delivery_id, bool_or(x.type = 'DELIVERED') as delivered, bool_or(x.type = 'OPENED') as opened,
                       bool_or(x.type = 'CLICKED') as clicked
                  from delivery_event x join d on d.id = x.delivery_id group by x.delivery_id),
            per as (
                select d.grp, d.occurrence, d.contact_id, min(d.sent_at) filter (where d.status = 'SENT') as sent_at,
                       coalesce(bool_or(ev.delivered), false) as delivered, coalesce(bool_or(ev.opened), false) as opened,
                       coalesce(bool_or(ev.clicked), false) as clicked
                  from d left join ev on ev.delivery_id = d.id group by d.grp, d.occurrence, d.contact_id)
            select grp, count(*) as audience, count(sent_at) as sent, count(*) filter (where sent_at is not null and delivered) as delivered,
                   count(*) filter (where sent_at is not null and opened) as opened, count(*) filter (where sent_at is not null and clicked) as clicked,
                   count(*) filter (where sent_at is not null and exists (
                       select 1 from event e where e.contact_id = per.contact_id and e.type = $2::text
                          and e.occurred_at >= per.sent_at and e.occurred_at < per.sent_at + $3::int * interval '1 hour')) as converted
              from per group by grp order by grp""";

    private final Pool pool;

    public ReportRepository(Pool pool) {
        this.pool = pool;
    }

    /** Figures of one group (a variant, a journey step, or the holdout). */
    record GroupRow(String group, long audience, long sent, long delivered, long opened, long clicked, long converted) {
    }

    record CampaignRow(UUID id, String key, String name, String status, String goalEvent, int goalWindowHours) {
    }

    record StatusRow(String group, String status, String reason, long count) {
    }

    record HourRow(Instant hour, long sent, long opened, long clicked) {
    }

    public Uni<CampaignRow> campaign(UUID id) {
        return pool.preparedQuery("select id, key, name, status, goal_event, goal_window_hours from campaign where id = $1")
                .execute(Tuple.of(id))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return null;
                    }
                    Row r = it.next();
                    return new CampaignRow(r.getUUID("id"), r.getString("key"), r.getString("name"), r.getString("status"),
                            r.getString("goal_event"), r.getInteger("goal_window_hours"));
                });
    }

    /** Per variant ('default' when the campaign has none). */
    public Uni<List<GroupRow>> variants(UUID campaign, String goalEvent, int windowHours) {
        return pool.preparedQuery("""
                        with d as (
                            select d.id, d.occurrence, d.contact_id, coalesce(d.variant, 'default') as grp, d.status, d.sent_at
                              from delivery d where d.source_kind = 'CAMPAIGN' and d.source_id = $1),
                        """ + PER_CONTACT)
                .execute(Tuple.of(campaign, goalEvent, windowHours)).map(ReportRepository::groups);
    }

    /**
     * The holdout: contacts held out of each run, converted when they performed the goal within the
     * window after the run started (its earliest due delivery; the holdout's fan-out time without one).
     */
    public Uni<GroupRow> holdout(UUID campaign, String goalEvent, int windowHours) {
        return pool.preparedQuery("""
                        with runs as (
                            select occurrence, min(due_at) as started from delivery
                             where source_kind = 'CAMPAIGN' and source_id = $1 group by occurrence),
                        held as (
                            select h.contact_id, coalesce(r.started, h.created_at) as started
                              from delivery_holdout h left join runs r on r.occurrence = h.occurrence where h.source_id = $1)
                        select 'holdout' as grp, count(*) as audience, 0::bigint as sent, 0::bigint as delivered, 0::bigint as opened,
                               0::bigint as clicked,
                               count(*) filter (where exists (
                                   select 1 from event e where e.contact_id = held.contact_id and e.type = $2::text
                                      and e.occurred_at >= held.started and e.occurred_at < held.started + $3::int * interval '1 hour')) as converted
                          from held""")
                .execute(Tuple.of(campaign, goalEvent, windowHours)).map(rows -> groups(rows).get(0));
    }

    public Uni<List<String>> runs(UUID campaign) {
        return pool.preparedQuery("""
                        select occurrence from delivery where source_kind = 'CAMPAIGN' and source_id = $1
                        union select occurrence from delivery_holdout where source_id = $1 order by 1""")
                .execute(Tuple.of(campaign)).map(rows -> list(rows, r -> r.getString("occurrence")));
    }

    /** Deliveries per (source id, status, reason) of the given sources. */
    public Uni<List<StatusRow>> statuses(String kind, UUID[] sources) {
        return pool.preparedQuery("""
                        select source_id::text as grp, status, reason, count(*) as n from delivery
                         where source_kind = $1 and source_id = any($2) group by source_id, status, reason""")
                .execute(Tuple.of(kind, sources))
                .map(rows -> list(rows, r -> new StatusRow(r.getString("grp"), r.getString("status"), r.getString("reason"), r.getLong("n"))));
    }

    /** Sends, first opens and first clicks per UTC hour. */
    public Uni<List<HourRow>> series(UUID campaign) {
        return pool.preparedQuery("""
                        with d as (select id, status, sent_at from delivery where source_kind = 'CAMPAIGN' and source_id = $1),
                        points as (
                            select date_trunc('hour', d.sent_at at time zone 'UTC') as h, 1 as sent, 0 as opened, 0 as clicked
                              from d where d.status = 'SENT' and d.sent_at is not null
                            union all
                            select date_trunc('hour', x.at at time zone 'UTC'), 0, (x.type = 'OPENED')::int, (x.type = 'CLICKED')::int
                              from delivery_event x join d on d.id = x.delivery_id where x.type in ('OPENED', 'CLICKED'))
                        select h at time zone 'UTC' as hour, sum(sent) as sent, sum(opened) as opened, sum(clicked) as clicked
                          from points group by h order by h""")
                .execute(Tuple.of(campaign))
                .map(rows -> list(rows, r -> new HourRow(r.getOffsetDateTime("hour").toInstant(), r.getLong("sent"),
                        r.getLong("opened"), r.getLong("clicked"))));
    }

    // ----- journeys

    /** Entries: entered, active, completed, converted within the goal window after entering (the trigger itself not counted). */
    public Uni<long[]> journeyTotals(UUID journey, String goalEvent, int windowHours) {
        return pool.preparedQuery("""
                        select count(*) as entered, count(*) filter (where state = 'ACTIVE') as active,
                               count(*) filter (where state = 'COMPLETED') as completed,
                               count(*) filter (where exists (
                                   select 1 from event ev where ev.contact_id = e.contact_id and ev.type = $2::text
                                      and ev.occurred_at >= e.entered_at and ev.occurred_at < e.entered_at + $3::int * interval '1 hour'
                                      and ev.event_id is distinct from e.context ->> 'eventId')) as converted
                          from journey_entry e where e.journey_id = $1""")
                .execute(Tuple.of(journey, goalEvent, windowHours))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    return new long[]{r.getLong("entered"), r.getLong("active"), r.getLong("completed"), r.getLong("converted")};
                });
    }

    public Uni<List<StatusRow>> exitReasons(UUID journey) {
        return pool.preparedQuery("""
                        select exit_reason, count(*) as n from journey_entry where journey_id = $1 and state = 'EXITED'
                         group by exit_reason order by n desc, exit_reason""")
                .execute(Tuple.of(journey))
                .map(rows -> list(rows, r -> new StatusRow(null, null, r.getString("exit_reason"), r.getLong("n"))));
    }

    /** Per step key: entries that reached it, active entries waiting at it, and for branches the entries sent each way. */
    public Uni<Map<String, long[]>> stepTotals(UUID journey) {
        return pool.preparedQuery("""
                        with reached as (
                            select s.step, count(*) as reached, count(*) filter (where s.outcome = 'yes') as yes,
                                   count(*) filter (where s.outcome = 'no') as no
                              from journey_entry_step s join journey_entry e on e.id = s.entry_id
                             where e.journey_id = $1 group by s.step),
                        waiting as (
                            select step, count(*) as waiting from journey_entry
                             where journey_id = $1 and state = 'ACTIVE' group by step)
                        select coalesce(r.step, w.step) as step, coalesce(r.reached, 0) as reached, coalesce(w.waiting, 0) as waiting,
                               coalesce(r.yes, 0) as yes, coalesce(r.no, 0) as no
                          from reached r full join waiting w on w.step = r.step""")
                .execute(Tuple.of(journey))
                .map(rows -> {
                    Map<String, long[]> totals = new HashMap<>();
                    rows.forEach(r -> totals.put(r.getString("step"),
                            new long[]{r.getLong("reached"), r.getLong("waiting"), r.getLong("yes"), r.getLong("no")}));
                    return totals;
                });
    }

    /** Per send step (by id): contacts sent, delivered, opened, clicked, converted after the send. */
    public Uni<List<GroupRow>> sendSteps(UUID[] steps, String goalEvent, int windowHours) {
        return pool.preparedQuery("""
                        with d as (
                            select d.id, d.occurrence, d.contact_id, d.source_id::text as grp, d.status, d.sent_at
                              from delivery d where d.source_kind = 'JOURNEY' and d.source_id = any($1)),
                        """ + PER_CONTACT)
                .execute(Tuple.of(steps, goalEvent, windowHours)).map(ReportRepository::groups);
    }

    private static List<GroupRow> groups(RowSet<Row> rows) {
        return list(rows, r -> new GroupRow(r.getString("grp"), r.getLong("audience"), r.getLong("sent"), r.getLong("delivered"),
                r.getLong("opened"), r.getLong("clicked"), r.getLong("converted")));
    }

    private static <T> List<T> list(RowSet<Row> rows, Function<Row, T> map) {
        List<T> list = new ArrayList<>();
        rows.forEach(r -> list.add(map.apply(r)));
        return list;
    }
}
