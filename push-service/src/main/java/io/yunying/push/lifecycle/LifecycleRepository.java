package io.yunying.push.lifecycle;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.yunying.push.support.JobLock;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.yunying.push.support.Times.instant;
import static io.yunying.push.support.Times.odt;

@ApplicationScoped
public class LifecycleRepository {

    /**
     * Classifies every contact, and for those whose stage changed records the change and writes a
     * {@code contact.stage-changed} event to the outbox, all in one statement (one transaction).
     * Inactivity is measured from last_seen_at (kept by event ingest), or from sign-up for a contact
     * never seen, so the purge of old raw events does not move anyone.
     */
    private static final String RECOMPUTE = """
            with activity as (
                select e.contact_id,
                       count(*) filter (where e.occurred_at >= $7) as recent,
                       count(*) filter (where e.occurred_at < $7) as before
                  from event e
                 where e.occurred_at >= $8 and e.occurred_at <= $1
                 group by e.contact_id),
            computed as (
                select c.id, prev.stage as prev_stage,
                       case
                           when coalesce(c.last_seen_at, c.signed_up_at) < $4 then 'churned'
                           when coalesce(c.last_seen_at, c.signed_up_at) < $3 then 'at_risk'
                           when a.before / 4.0 >= $10::int and a.recent < $9::float8 * a.before / 4.0 then 'at_risk'
                           when coalesce(c.last_seen_at, c.signed_up_at) < $2 then 'silent'
                           when prev.stage = 'churned' then 'resurrected'
                           when prev.stage = 'resurrected' and prev.since >= $6 then 'resurrected'
                           when c.signed_up_at >= $5 then 'new'
                           else 'active'
                       end as stage
                  from contact c
                  left join contact_lifecycle prev on prev.contact_id = c.id
                  left join activity a on a.contact_id = c.id
                 where c.erased_at is null),
            changed as (
                insert into contact_lifecycle as l (contact_id, stage, previous_stage, since)
                select id, stage, prev_stage, $1 from computed where prev_stage is distinct from stage
                on conflict (contact_id) do update set previous_stage = l.stage, stage = excluded.stage, since = excluded.since
                returning l.contact_id, l.stage, l.previous_stage),
            history as (
                insert into stage_change (contact_id, from_stage, to_stage, changed_at)
                select contact_id, previous_stage, stage, $1 from changed),
            announced as (
                insert into outbox (id, type, occurred_at, source, data)
                select gen_random_uuid(), 'contact.stage-changed', $1, 'push-service',
                       jsonb_build_object('contactId', ch.contact_id, 'externalId', c.external_id,
                                          'from', ch.previous_stage, 'to', ch.stage, 'changedAt', $1)
                  from changed ch join contact c on c.id = ch.contact_id)
            select count(*) as changed from changed""";

    private final Pool pool;

    public LifecycleRepository(Pool pool) {
        this.pool = pool;
    }

    /** Returns how many contacts changed stage, or -1 when another replica holds the job. */
    public Uni<Long> recompute(Instant now, LifecycleLines lines) {
        Tuple params = Tuple.from(new Object[]{odt(now),
                odt(now.minus(Duration.ofDays(lines.silentAfterDays()))),
                odt(now.minus(Duration.ofDays(lines.atRiskAfterDays()))),
                odt(now.minus(Duration.ofDays(lines.churnedAfterDays()))),
                odt(now.minus(Duration.ofDays(lines.newForDays()))),
                odt(now.minus(Duration.ofDays(lines.resurrectedForDays()))),
                odt(now.minus(Duration.ofDays(7))),
                odt(now.minus(Duration.ofDays(35))),
                lines.dropRatio(),
                lines.dropMinWeeklyBaseline()});
        return pool.withTransaction(tx -> tx.preparedQuery("select pg_try_advisory_xact_lock($1) as locked").execute(Tuple.of(JobLock.LIFECYCLE))
                .flatMap(lock -> !lock.iterator().next().getBoolean("locked") ? Uni.createFrom().item(-1L)
                        : tx.preparedQuery(RECOMPUTE).execute(params).map(rows -> rows.iterator().next().getLong("changed"))));
    }

    public Uni<Map<String, Long>> countsByStage() {
        return pool.query("select l.stage, count(*) as n from contact_lifecycle l join contact c on c.id = l.contact_id where c.erased_at is null group by l.stage")
                .execute()
                .map(rows -> {
                    Map<String, Long> counts = new LinkedHashMap<>();
                    for (Stage stage : Stage.values()) {
                        counts.put(stage.label(), 0L);
                    }
                    rows.forEach(row -> counts.put(row.getString("stage"), row.getLong("n")));
                    return counts;
                });
    }

    public Uni<List<StageChange>> changes(UUID contact) {
        return pool.preparedQuery("select from_stage, to_stage, changed_at from stage_change where contact_id = $1 order by id")
                .execute(Tuple.of(contact))
                .map(rows -> {
                    List<StageChange> list = new ArrayList<>();
                    rows.forEach(row -> list.add(new StageChange(row.getString("from_stage"), row.getString("to_stage"),
                            instant(row.getOffsetDateTime("changed_at")))));
                    return list;
                });
    }
}
