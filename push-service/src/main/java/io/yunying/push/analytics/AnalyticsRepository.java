package io.yunying.push.analytics;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.yunying.push.segment.Audience;
import io.yunying.push.segment.RuleSql;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.yunying.push.support.Times.odt;

/**
 * Operator numbers. Active days come from the daily rollup {@code contact_day}, which survives the
 * purge of raw events; funnels need the order of events and read them raw. Erased contacts stay in:
 * their rows are anonymous, so yesterday's DAU does not change when someone asks to be forgotten.
 */
@ApplicationScoped
public class AnalyticsRepository {

    /**
     * The local calendar days ({@code d.day}) in zone $3 a contact_day row {@code a} shows activity on.
     * A UTC day holds at most one local midnight, so its events fall on at most two local days: that
     * of the first event and that of the last (the same day twice when no midnight falls between;
     * every query using this removes duplicates).
     */
    private static final String LOCAL_DAYS = """
            cross join lateral (values ((a.first_at at time zone $3)::date), ((a.last_at at time zone $3)::date)) d(day)
            """;

    private final Pool pool;

    public AnalyticsRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<ActiveUsers.Day>> active(LocalDate from, LocalDate to, String zone) {
        return pool.preparedQuery("""
                        with activity as (
                            select distinct d.day, a.contact_id
                              from contact_day a
                        """ + LOCAL_DAYS + """
                             where a.day between $1::date - 30 and $2::date + 1
                               and d.day between $1::date - 29 and $2::date)
                        select g::date as day,
                               (select count(*) from activity a where a.day = g::date) as dau,
                               (select count(distinct a.contact_id) from activity a where a.day between g::date - 6 and g::date) as wau,
                               (select count(distinct a.contact_id) from activity a where a.day between g::date - 29 and g::date) as mau
                          from generate_series($1::date, $2::date, interval '1 day') g
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
     * unbounded: active on that day or any later one, that is the last active day is N or later.
     *
     * @param lastDay the last UTC day whose activity can count: the day after to plus the largest N
     *                when bounded, tomorrow when unbounded
     * @param segment members of a segment as a condition over contact c, its parameters from $6; null for everyone
     */
    public Uni<List<RetentionRow>> retention(LocalDate from, LocalDate to, String zone, Integer[] days, boolean bounded,
                                             LocalDate lastDay, Audience segment) {
        List<Object> params = new ArrayList<>(Arrays.asList(from, to, zone, days, lastDay));
        String members = "";
        if (segment != null) {
            params.addAll(segment.params());
            members = " and " + segment.where();
        }
        // each row's two local days (see LOCAL_DAYS) as offsets from the cohort day; rows on none of the
        // asked days are dropped before they are split in two. The cohort is read twice rather than
        // materialised, which would keep the join from running in parallel.
        String retained = bounded ? """
                        retained as (
                            select x.cohort_day, x.n, count(*) as retained
                              from (select distinct y.id, y.cohort_day, v.n
                                      from (select k.id, k.cohort_day,
                                                   (a.first_at at time zone $3)::date - k.cohort_day as first_n,
                                                   (a.last_at at time zone $3)::date - k.cohort_day as last_n
                                              from cohort k
                                              join contact_day a on a.contact_id = k.id
                                             where a.day between $1::date and $5::date) y
                                     cross join lateral (values (y.first_n), (y.last_n)) v(n)
                                     where (y.first_n = any($4::int[]) or y.last_n = any($4::int[])) and v.n = any($4::int[])) x
                             group by x.cohort_day, x.n)
                        """ : """
                        reach as (
                            select k.cohort_day, (max(a.last_at) at time zone $3)::date - k.cohort_day as last_day
                              from cohort k join contact_day a on a.contact_id = k.id
                             where a.day between $1::date and $5::date
                             group by k.id, k.cohort_day),
                        retained as (
                            select r.cohort_day, n.n, count(*) as retained
                              from reach r join unnest($4::int[]) as n(n) on r.last_day >= n.n
                             group by r.cohort_day, n.n)
                        """;
        return pool.preparedQuery("""
                        with cohort as not materialized (
                            select c.id, (c.signed_up_at at time zone $3)::date as cohort_day
                              from contact c""" + RuleSql.JOINS + """
                             where c.signed_up_at >= ($1::date::timestamp at time zone $3)
                               and c.signed_up_at < (($2::date + 1)::timestamp at time zone $3)""" + members + """
                        ),
                        sizes as (select cohort_day, count(*) as size from cohort group by cohort_day),
                        """ + retained + """
                        select s.cohort_day, s.size, n.n as day, coalesce(r.retained, 0) as retained
                          from sizes s
                          cross join unnest($4::int[]) as n(n)
                          left join retained r on r.cohort_day = s.cohort_day and r.n = n.n
                         order by s.cohort_day, n.n""")
                .execute(Tuple.from(params))
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
    public Uni<List<Long>> funnel(List<String> steps, Instant from, Instant to, int windowSeconds, Audience segment) {
        List<Object> params = new ArrayList<>(List.of(odt(from), odt(to), windowSeconds));
        params.addAll(steps);
        String members = "";
        if (segment != null) {
            params.addAll(segment.params());
            members = "and e.contact_id in (select c.id from contact c" + RuleSql.JOINS + "where " + segment.where() + ") ";
        }
        StringBuilder sql = new StringBuilder("with s1 as (select e.contact_id, min(e.occurred_at) as t0, min(e.occurred_at) as t from event e "
                + "where e.type = $4 and e.occurred_at >= $1 and e.occurred_at < $2 " + members + "group by e.contact_id)");
        for (int i = 2; i <= steps.size(); i++) {
            sql.append(", s").append(i).append(" as (select s.contact_id, s.t0, min(e.occurred_at) as t from s").append(i - 1)
                    .append(" s join event e on e.contact_id = s.contact_id and e.type = $").append(3 + i)
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
}
