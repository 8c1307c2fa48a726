package io.yunying.push.analytics;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.yunying.push.support.Times.odt;

/**
 * Operator numbers straight from the events. Erased contacts stay in: their rows are anonymous,
 * so yesterday's DAU does not change when someone asks to be forgotten.
 */
@ApplicationScoped
public class AnalyticsRepository {

    private final Pool pool;

    public AnalyticsRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<ActiveUsers.Day>> active(LocalDate from, LocalDate to, String zone) {
        return pool.preparedQuery("""
                        with activity as (
                            select distinct (e.occurred_at at time zone $3)::date as day, e.contact_id
                              from event e
                             where e.occurred_at >= (($1::date - 29)::timestamp at time zone $3)
                               and e.occurred_at < (($2::date + 1)::timestamp at time zone $3))
                        select d::date as day,
                               (select count(*) from activity a where a.day = d::date) as dau,
                               (select count(distinct a.contact_id) from activity a where a.day between d::date - 6 and d::date) as wau,
                               (select count(distinct a.contact_id) from activity a where a.day between d::date - 29 and d::date) as mau
                          from generate_series($1::date, $2::date, interval '1 day') d
                         order by 1""")
                .execute(Tuple.of(from, to, zone))
                .map(rows -> {
                    List<ActiveUsers.Day> days = new ArrayList<>();
                    rows.forEach(row -> days.add(new ActiveUsers.Day(row.getLocalDate("day"), row.getLong("dau"),
                            row.getLong("wau"), row.getLong("mau"))));
                    return days;
                });
    }

    record RetentionRow(LocalDate cohort, long size, int day, long retained) {
    }

    /**
     * Day N of a cohort is the N-th local calendar day after sign-up. Bounded: active on that day;
     * unbounded: active on that day or any later one.
     */
    public Uni<List<RetentionRow>> retention(LocalDate from, LocalDate to, String zone, Integer[] days, boolean bounded, UUID segment) {
        return pool.preparedQuery("""
                        with cohort as (
                            select c.id, (c.signed_up_at at time zone $3)::date as cohort_day
                              from contact c
                             where c.signed_up_at >= ($1::date::timestamp at time zone $3)
                               and c.signed_up_at < (($2::date + 1)::timestamp at time zone $3)
                               and ($6::uuid is null or c.id in (select m.contact_id from segment_member m where m.segment_id = $6))),
                        offsets as (
                            select distinct e.contact_id, (e.occurred_at at time zone $3)::date - k.cohort_day as off
                              from event e join cohort k on k.id = e.contact_id
                             where e.occurred_at >= (($1::date + 1)::timestamp at time zone $3)),
                        sizes as (select cohort_day, count(*) as size from cohort group by cohort_day),
                        retained as (
                            select k.cohort_day, n.n, count(distinct k.id) as retained
                              from cohort k
                              join offsets o on o.contact_id = k.id
                              join unnest($4::int[]) as n(n) on case when $5 then o.off = n.n else o.off >= n.n end
                             group by k.cohort_day, n.n)
                        select s.cohort_day, s.size, n.n as day, coalesce(r.retained, 0) as retained
                          from sizes s
                          cross join unnest($4::int[]) as n(n)
                          left join retained r on r.cohort_day = s.cohort_day and r.n = n.n
                         order by s.cohort_day, n.n""")
                .execute(Tuple.from(new Object[]{from, to, zone, days, bounded, segment}))
                .map(rows -> {
                    List<RetentionRow> list = new ArrayList<>();
                    rows.forEach(row -> list.add(new RetentionRow(row.getLocalDate("cohort_day"), row.getLong("size"),
                            row.getInteger("day"), row.getLong("retained"))));
                    return list;
                });
    }

    /**
     * Ordered funnel: a contact enters at its first step-1 event in the range; each later step must
     * follow the previous one (strictly later) and fall within the window from the entry.
     */
    public Uni<List<Long>> funnel(List<String> steps, Instant from, Instant to, int windowSeconds, UUID segment) {
        StringBuilder sql = new StringBuilder("with s1 as (select e.contact_id, min(e.occurred_at) as t0, min(e.occurred_at) as t from event e "
                + "where e.type = $5 and e.occurred_at >= $1 and e.occurred_at < $2 "
                + "and ($4::uuid is null or e.contact_id in (select m.contact_id from segment_member m where m.segment_id = $4)) "
                + "group by e.contact_id)");
        List<Object> params = new ArrayList<>(List.of(odt(from), odt(to), windowSeconds));
        params.add(segment);
        params.add(steps.get(0));
        for (int i = 2; i <= steps.size(); i++) {
            params.add(steps.get(i - 1));
            sql.append(", s").append(i).append(" as (select s.contact_id, s.t0, min(e.occurred_at) as t from s").append(i - 1)
                    .append(" s join event e on e.contact_id = s.contact_id and e.type = $").append(params.size())
                    .append(" and e.occurred_at > s.t and e.occurred_at <= s.t0 + make_interval(secs => $3::int) group by s.contact_id, s.t0)");
        }
        sql.append(" select ");
        for (int i = 1; i <= steps.size(); i++) {
            sql.append(i > 1 ? ", " : "").append("(select count(*) from s").append(i).append(") as c").append(i);
        }
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(params)).map(rows -> {
            Row row = rows.iterator().next();
            List<Long> counts = new ArrayList<>();
            for (int i = 1; i <= steps.size(); i++) {
                counts.add(row.getLong("c" + i));
            }
            return counts;
        });
    }

    /** The id of a materialised segment, or null when there is no such materialised segment. */
    public Uni<UUID> materialisedSegment(String key) {
        return pool.preparedQuery("select id from segment where key = $1 and materialised").execute(Tuple.of(key))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getUUID("id") : null);
    }
}
