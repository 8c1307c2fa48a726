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
     * UTC days {@code first}..{@code last} (SQL date expressions), each with the local date in zone $3
     * at its start ({@code l0}) and the next local midnight ({@code b}, at or after the UTC day's end
     * when none falls inside it). A UTC day holds at most one local midnight, so an event of that day
     * is on local day l0 before b and l0 + 1 from b on: a comparison per row instead of a time zone
     * conversion per row.
     */
    private static String utcDays(String first, String last) {
        return """
                utc_days as (
                    select t::date as day, x.l0, (x.l0 + 1)::timestamp at time zone $3 as b
                      from generate_series((%s)::timestamp, (%s)::timestamp, interval '1 day') t
                     cross join lateral (select ((t at time zone 'UTC') at time zone $3)::date as l0) x),
                """.formatted(first, last);
    }

    /**
     * The local days ({@code d.day}) a contact_day row {@code a} joined to its utc_days row {@code u}
     * shows activity on: that of its first event and that of its last (the same day twice when no
     * local midnight falls between; every query using this removes duplicates).
     */
    private static final String LOCAL_DAYS = """
            join utc_days u on u.day = a.day
            cross join lateral (values (u.l0 + (a.first_at >= u.b)::int), (u.l0 + (a.last_at >= u.b)::int)) d(day)
            """;

    private final Pool pool;

    public AnalyticsRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<ActiveUsers.Day>> active(LocalDate from, LocalDate to, String zone) {
        return pool.preparedQuery("""
                        with\s""" + utcDays("$1::date - 30", "$2::date + 1") + """
                        activity as (
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
        String retained = bounded ? """
                        retained as (
                            select x.cohort_day, x.n, count(*) as retained
                              from (select distinct k.id, k.cohort_day, d.day - k.cohort_day as n
                                      from cohort k
                                      join contact_day a on a.contact_id = k.id
                        """ + LOCAL_DAYS + """
                                     where a.day between $1::date and $5::date
                                       and d.day - k.cohort_day = any($4::int[])) x
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
                        with\s""" + (bounded ? utcDays("$1::date", "$5::date") : "") + """
                        cohort as (
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
