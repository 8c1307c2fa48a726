package io.yunying.push.rfm;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.yunying.push.support.JobLock;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.yunying.push.support.Times.instant;
import static io.yunying.push.support.Times.odt;

@ApplicationScoped
public class RfmRepository {

    /**
     * One statement scores everyone. A score is the fifth of the ranking a contact starts in:
     * floor(5 * (rank - 1) / n) + 1 with rank() ascending, so equal values always share a score
     * (ntile would split ties arbitrarily) and with n >= 5 distinct values the scores are the usual
     * quintiles. Recency ranks the oldest last purchase first, so recent buyers score 5.
     */
    private static final String RECOMPUTE = """
            with purchases as (
                select e.contact_id, max(e.occurred_at) as last_purchase, count(*) as frequency, coalesce(sum(e.amount), 0) as monetary
                  from event e join contact c on c.id = e.contact_id and c.erased_at is null
                 where e.type = 'purchase' and e.occurred_at >= $1 and e.occurred_at <= $2
                 group by e.contact_id),
            ranked as (
                select p.*, count(*) over () as n,
                       rank() over (order by last_purchase) as rr,
                       rank() over (order by frequency) as fr,
                       rank() over (order by monetary) as mr
                  from purchases p),
            scored as (
                select contact_id, last_purchase, frequency, monetary,
                       (5 * (rr - 1) / n + 1)::smallint as r,
                       (5 * (fr - 1) / n + 1)::smallint as f,
                       (5 * (mr - 1) / n + 1)::smallint as m
                  from ranked),
            grouped as (
                select s.*, (f + m + 1) / 2 as fm from scored s),
            upserted as (
                insert into contact_rfm (contact_id, last_purchase, frequency, monetary, r, f, m, rfm_group, computed_at)
                select contact_id, last_purchase, frequency, monetary, r, f, m,
                       case
                           when r >= 4 and fm >= 4 then 'champions'
                           when r >= 3 and fm >= 3 then 'loyal'
                           when r >= 4 and fm = 2 then 'potential_loyalists'
                           when r = 5 then 'new_customers'
                           when r = 4 then 'promising'
                           when r = 3 then 'need_attention'
                           when r = 1 and fm = 5 then 'cant_lose_them'
                           when fm >= 3 then 'at_risk'
                           when fm = 2 then 'hibernating'
                           else 'lost'
                       end, $2
                  from grouped
                on conflict (contact_id) do update set last_purchase = excluded.last_purchase, frequency = excluded.frequency,
                       monetary = excluded.monetary, r = excluded.r, f = excluded.f, m = excluded.m,
                       rfm_group = excluded.rfm_group, computed_at = excluded.computed_at),
            dropped as (
                delete from contact_rfm x where not exists (select 1 from purchases p where p.contact_id = x.contact_id))
            select count(*) as scored from scored""";

    private final Pool pool;

    public RfmRepository(Pool pool) {
        this.pool = pool;
    }

    /** Returns the number scored, or -1 when another replica holds the job. */
    public Uni<Long> recompute(Instant from, Instant now) {
        return pool.withTransaction(tx -> tx.preparedQuery("select pg_try_advisory_xact_lock($1) as locked").execute(Tuple.of(JobLock.RFM))
                .flatMap(lock -> !lock.iterator().next().getBoolean("locked") ? Uni.createFrom().item(-1L)
                        : tx.preparedQuery(RECOMPUTE).execute(Tuple.of(odt(from), odt(now)))
                        .map(rows -> rows.iterator().next().getLong("scored"))));
    }

    public Uni<RfmSummary> summary() {
        Uni<List<RfmSummary.Group>> groups = pool.query("""
                        select rfm_group, count(*) as n, count(*)::float8 / sum(count(*)) over () as share
                          from contact_rfm group by rfm_group order by n desc, rfm_group""").execute()
                .map(rows -> {
                    List<RfmSummary.Group> list = new ArrayList<>();
                    rows.forEach(row -> list.add(new RfmSummary.Group(row.getString("rfm_group"), row.getLong("n"),
                            Math.round(row.getDouble("share") * 10000) / 10000.0)));
                    return list;
                });
        Uni<List<RfmSummary.Cell>> grid = pool.query("""
                        select r, (f + m + 1) / 2 as fm, count(*) as n from contact_rfm group by 1, 2 order by 1, 2""").execute()
                .map(rows -> {
                    List<RfmSummary.Cell> list = new ArrayList<>();
                    rows.forEach(row -> list.add(new RfmSummary.Cell(row.getInteger("r"), row.getInteger("fm"), row.getLong("n"))));
                    return list;
                });
        Uni<Object[]> totals = pool.query("select count(*) as n, max(computed_at) as at from contact_rfm").execute()
                .map(rows -> {
                    var row = rows.iterator().next();
                    return new Object[]{row.getLong("n"), instant(row.getOffsetDateTime("at"))};
                });
        return Uni.combine().all().unis(totals, groups, grid)
                .with((t, g, c) -> new RfmSummary((Long) t[0], (Instant) t[1], g, c));
    }
}
