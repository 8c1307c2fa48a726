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
     *
     * <p>Most contacts score the same as yesterday, so the new scores are compared with the stored
     * ones first and only the rows that differ are written: rewriting every buyer's row each day
     * would cost more than computing the scores. A row's computed_at is when its values last changed;
     * the run itself is recorded in rfm_run.
     */
    private static final String RECOMPUTE = """
            with purchases as (
                select e.contact_id, max(e.occurred_at) as last_purchase, count(*) as frequency, coalesce(sum(e.amount), 0) as monetary
                  from event e
                 where e.type = 'purchase' and e.occurred_at >= $1 and e.occurred_at <= $2
                 group by e.contact_id),
            buyers as (
                select p.* from purchases p
                 where not exists (select 1 from contact c where c.id = p.contact_id and c.erased_at is not null)),
            ranked as (
                select b.*, count(*) over () as n,
                       rank() over (order by last_purchase) as rr,
                       rank() over (order by frequency) as fr,
                       rank() over (order by monetary) as mr
                  from buyers b),
            scored as (
                select contact_id, last_purchase, frequency, monetary,
                       (5 * (rr - 1) / n + 1)::smallint as r,
                       (5 * (fr - 1) / n + 1)::smallint as f,
                       (5 * (mr - 1) / n + 1)::smallint as m
                  from ranked),
            grouped as (
                select s.*,
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
                       end as rfm_group
                  from (select s.*, (f + m + 1) / 2 as fm from scored s) s),
            changed as (
                select g.* from grouped g left join contact_rfm x on x.contact_id = g.contact_id
                 where x.contact_id is null
                    or (x.last_purchase, x.frequency, x.monetary, x.r, x.f, x.m, x.rfm_group)
                       is distinct from (g.last_purchase, g.frequency, g.monetary, g.r, g.f, g.m, g.rfm_group)),
            written as (
                insert into contact_rfm (contact_id, last_purchase, frequency, monetary, r, f, m, rfm_group, computed_at)
                select contact_id, last_purchase, frequency, monetary, r, f, m, rfm_group, $2 from changed
                on conflict (contact_id) do update set last_purchase = excluded.last_purchase, frequency = excluded.frequency,
                       monetary = excluded.monetary, r = excluded.r, f = excluded.f, m = excluded.m,
                       rfm_group = excluded.rfm_group, computed_at = excluded.computed_at
                returning 1),
            dropped as (
                delete from contact_rfm x where not exists (select 1 from buyers b where b.contact_id = x.contact_id)
                returning 1),
            scored_count as (select count(*) as scored from scored),
            run as (
                insert into rfm_run (id, computed_at, scored) select true, $2, scored from scored_count
                on conflict (id) do update set computed_at = excluded.computed_at, scored = excluded.scored)
            select scored, (select count(*) from written) as written, (select count(*) from dropped) as dropped
              from scored_count""";

    private final Pool pool;

    public RfmRepository(Pool pool) {
        this.pool = pool;
    }

    /** How many buyers were scored and how many stored rows that changed (written or removed). */
    record Recomputed(long scored, long changed) {
    }

    /** Returns null when another replica holds the job. */
    public Uni<Recomputed> recompute(Instant from, Instant now) {
        return pool.withTransaction(tx -> tx.preparedQuery("select pg_try_advisory_xact_lock($1) as locked").execute(Tuple.of(JobLock.RFM))
                .flatMap(lock -> !lock.iterator().next().getBoolean("locked") ? Uni.createFrom().<Recomputed>nullItem()
                        : tx.preparedQuery(RECOMPUTE).execute(Tuple.of(odt(from), odt(now)))
                        .map(rows -> rows.iterator().next())
                        .map(row -> new Recomputed(row.getLong("scored"), row.getLong("written") + row.getLong("dropped")))));
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
        Uni<Object[]> totals = pool.query("select (select count(*) from contact_rfm) as n, (select computed_at from rfm_run) as at").execute()
                .map(rows -> {
                    var row = rows.iterator().next();
                    return new Object[]{row.getLong("n"), instant(row.getOffsetDateTime("at"))};
                });
        return Uni.combine().all().unis(totals, groups, grid)
                .with((t, g, c) -> new RfmSummary((Long) t[0], (Instant) t[1], g, c));
    }
}
