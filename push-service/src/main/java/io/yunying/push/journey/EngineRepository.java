package io.yunying.push.journey;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.yunying.push.segment.RuleSql;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static io.yunying.push.support.Times.odt;

/**
 * The journey engine's statements. Each is one set-wise SQL statement (one transaction): taking in a
 * batch of triggers for a journey, or moving every due entry of one step. Several replicas may run
 * them at once:
 * <ul>
 *   <li>a journey's trigger reader locks its cursor row ({@code for update skip locked}), reads the
 *   next rows of its source in commit order, inserts entries and moves the cursor in the same
 *   statement, so a trigger is read once, and never lost after a crash;</li>
 *   <li>a step claims its due entries with {@code for update skip locked}, so two engines move
 *   disjoint entries;</li>
 *   <li>entries and deliveries have unique keys and are inserted with {@code on conflict do nothing}.</li>
 * </ul>
 */
@ApplicationScoped
public class EngineRepository {

    /** The source rows a trigger reader may consume: written by transactions that have all ended. */
    private static final String HORIZON = "pg_snapshot_xmin(pg_current_snapshot())";

    private final Pool pool;

    public EngineRepository(Pool pool) {
        this.pool = pool;
    }

    /** A journey as the engine runs it. */
    record Running(UUID id, Definition definition, Audience audience, Integer reEntryDays, String goalEvent, List<UUID> stepIds) {
    }

    /** What one step statement did. */
    record StepResult(long due, long moved, long deliveries, long exited, long completed) {
    }

    // ----- entering

    /** What one trigger statement did: source rows read (0 for the membership scan) and entries made. */
    record EnterResult(long scanned, long entered) {
    }

    /** Takes in the next batch of the journey's triggers. */
    public Uni<EnterResult> enter(Running journey, Instant now, int batch, Duration maxAge) {
        Params p = new Params();
        String id = p.bind(journey.id(), "uuid");
        String at = p.bind(odt(now), "timestamptz");
        Definition.Trigger trigger = journey.definition().trigger();
        String raw;
        if (trigger instanceof Definition.EventTrigger t) {
            raw = scanned(p, "event", "ingest_tx", "seq", "event_id, contact_id, type, occurred_at, properties", id, batch) + """
                    raw as (
                        select c.id as contact_id, s.tx, s.seq, %s as occurrence,
                               jsonb_build_object('eventId', s.event_id, 'event', s.type) as context
                          from scanned s join contact c on c.id = s.contact_id %s
                         where c.erased_at is null and s.type = %s and s.properties @> %s and s.occurred_at >= %s and %s)"""
                    .formatted(journey.reEntryDays() == null ? "'once'" : "'event:' || s.event_id", RuleSql.JOINS,
                            p.bind(t.event(), "text"), p.bind(t.properties().toString(), "text") + "::jsonb",
                            p.bind(odt(now.minus(maxAge)), "timestamptz"), journey.audience().condition(p, now));
        } else if (trigger instanceof Definition.StageTrigger t) {
            raw = scanned(p, "stage_change", "tx", "id", "id, contact_id, from_stage, to_stage, changed_at", id, batch) + """
                    raw as (
                        select c.id as contact_id, s.tx, s.seq, %s as occurrence,
                               jsonb_build_object('stageChangeId', s.id, 'from', s.from_stage, 'to', s.to_stage) as context
                          from scanned s join contact c on c.id = s.contact_id %s
                         where c.erased_at is null and s.to_stage = any(%s) and %s and s.changed_at >= %s and %s)"""
                    .formatted(journey.reEntryDays() == null ? "'once'" : "'stage:' || s.id", RuleSql.JOINS,
                            p.bind(t.to().toArray(String[]::new), "text[]"),
                            t.from() == null ? "true" : "s.from_stage = any(" + p.bind(t.from().toArray(String[]::new), "text[]") + ")",
                            p.bind(odt(now.minus(maxAge)), "timestamptz"), journey.audience().condition(p, now));
        } else if (trigger instanceof Definition.ContentTrigger t) {
            raw = scanned(p, "inbound_event", "tx", "seq", "id, type, occurred_at, data", id, batch) + """
                    raw as (
                        select c.id as contact_id, s.tx, s.seq, 'content:' || coalesce(s.data ->> 'id', s.id::text) as occurrence,
                               jsonb_build_object('contentId', s.data -> 'id') || (s.data - 'id') as context
                          from scanned s cross join contact c %s
                         where c.erased_at is null and s.type = 'content.published' and s.occurred_at >= %s and %s and %s and %s)"""
                    .formatted(RuleSql.JOINS, p.bind(odt(now.minus(maxAge)), "timestamptz"),
                            t.categories() == null ? "true" : "(s.data ->> 'category') = any(" + p.bind(t.categories().toArray(String[]::new), "text[]") + ")",
                            t.tags() == null ? "true" : "jsonb_typeof(s.data -> 'tags') = 'array' and (s.data -> 'tags') ?| " + p.bind(t.tags().toArray(String[]::new), "text[]"),
                            journey.audience().condition(p, now));
        } else {
            raw = expiring(p, id, at, (Definition.ExpiryTrigger) trigger, journey.audience(), now);
        }
        // once per occurrence; with re-entry at most one entry per contact and batch, the re-entry rule decides
        String distinct = journey.reEntryDays() == null ? "contact_id, occurrence" : "contact_id";
        String reEntry = journey.reEntryDays() == null ? "true" : """
                not exists (select 1 from journey_entry p where p.journey_id = %s and p.contact_id = t.contact_id
                                and (p.state = 'ACTIVE' or p.entered_at > %s))"""
                .formatted(id, p.bind(odt(now.minus(Duration.ofDays(journey.reEntryDays()))), "timestamptz"));
        Definition.Step first = journey.definition().first();
        String sql = raw + """
                ,
                candidates as (select distinct on (%1$s) * from raw order by %1$s, tx, seq),
                inserted as (
                    insert into journey_entry (journey_id, contact_id, occurrence, state, step, due_at, context, entered_at)
                    select %2$s, t.contact_id, t.occurrence, 'ACTIVE', %3$s, %4$s, t.context, %5$s
                      from candidates t
                     where %6$s
                    on conflict (journey_id, contact_id, occurrence) do nothing
                    returning id),
                logged as (insert into journey_entry_step (entry_id, step, at) select id, %3$s, %5$s from inserted)
                select (select count(*) from inserted) as entered, %7$s as scanned"""
                .formatted(distinct, id, p.bind(first.key(), "text"),
                        p.bind(odt(now.plus(journey.definition().arrivalDelay(first.key()))), "timestamptz"), at, reEntry,
                        trigger instanceof Definition.ExpiryTrigger ? "0" : "(select count(*) from scanned)");
        return pool.preparedQuery(sql).execute(p.tuple()).map(rows -> {
            Row row = rows.iterator().next();
            return new EnterResult(row.getLong("scanned"), row.getLong("entered"));
        });
    }

    /**
     * The journey's cursor (locked, or nothing when another engine holds it), the next rows of the
     * source after it in commit order, and the cursor moved past them.
     */
    private static String scanned(Params p, String table, String txColumn, String seqColumn, String columns, String id, int batch) {
        return """
                with cur as (select tx, seq from journey_cursor where journey_id = %1$s for update skip locked),
                scanned as (
                    select %7$s, s.%2$s as tx, s.%3$s as seq
                      from cur, %4$s s
                     where s.%2$s is not null and (s.%2$s, s.%3$s) > (cur.tx, cur.seq) and s.%2$s < %5$s
                     order by s.%2$s, s.%3$s limit %6$s),
                moved_cursor as (
                    update journey_cursor k set tx = last.tx, seq = last.seq
                      from (select tx, seq from scanned order by tx desc, seq desc limit 1) last
                     where k.journey_id = %1$s),
                """.formatted(id, txColumn, seqColumn, table, HORIZON, p.bind(batch, "int"),
                String.join(", ", Arrays.stream(columns.split(", ")).map(c -> "s." + c).toList()));
    }

    /**
     * Contacts whose membership expires within a bucket of days, counted in calendar days of the
     * contact's own zone (UTC for a zone PostgreSQL does not know). A contact is in the smallest bucket
     * that still covers its days left, so one who appears late (or an engine that was down) still gets
     * the nearest bucket, and each bucket once per expiry date.
     */
    private static String expiring(Params p, String id, String at, Definition.ExpiryTrigger t, Audience audience, Instant now) {
        int widest = t.daysBefore().get(t.daysBefore().size() - 1);
        return """
                with cur as (select 1 from journey_cursor where journey_id = %1$s for update skip locked),
                zones as (select name from pg_timezone_names),
                local_days as (
                    select c.id as contact_id, c.membership_expires_at as expires,
                           (c.membership_expires_at at time zone z.zone)::date - (%2$s at time zone z.zone)::date as days_left
                      from cur, contact c %3$s
                      cross join lateral (select coalesce((select name from zones where name = c.time_zone), 'UTC') as zone) z
                     where c.erased_at is null and c.membership_expires_at > %2$s and c.membership_expires_at <= %4$s and %5$s),
                bucketed as (
                    select d.*, (select min(b) from unnest(%6$s) b where b >= d.days_left) as bucket from local_days d),
                raw as (
                    select contact_id, '0'::xid8 as tx, 0::bigint as seq,
                           'expiry:' || to_char(expires at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || ':' || bucket as occurrence,
                           jsonb_build_object('daysBefore', bucket, 'daysLeft', days_left) as context
                      from bucketed where bucket is not null)"""
                .formatted(id, at, RuleSql.JOINS, p.bind(odt(now.plus(Duration.ofDays(widest + 2L))), "timestamptz"),
                        audience.condition(p, now), p.bind(t.daysBefore().toArray(Integer[]::new), "int[]"));
    }

    // ----- moving on

    /** Processes up to {@code batch} due entries of one step: exits first, then the step's work. */
    public Uni<StepResult> step(Running journey, Definition.Step step, Instant now, int batch) {
        Params p = new Params();
        String id = p.bind(journey.id(), "uuid");
        String key = p.bind(step.key(), "text");
        String at = p.bind(odt(now), "timestamptz");
        StringBuilder sql = new StringBuilder("""
                with due as (
                    select e.id, e.contact_id, e.due_at, e.entered_at, e.context from journey_entry e
                     where e.journey_id = %s and e.state = 'ACTIVE' and e.step = %s and e.due_at <= %s
                     order by e.due_at, e.id limit %s
                       for update skip locked),
                judged as (select d.*, %s as exit_reason from due d),
                exited as (
                    update journey_entry e set state = 'EXITED', exit_reason = j.exit_reason, step = null, due_at = null, finished_at = %3$s
                      from judged j where e.id = j.id and j.exit_reason is not null returning e.id),
                cancelled as (
                    update delivery d set status = 'CANCELLED', reason = 'journey_exit'
                      from exited x
                     where d.source_kind = 'JOURNEY' and d.source_id = any(%s) and d.occurrence = x.id::text and d.status = 'PENDING'),
                acting as (select * from judged where exit_reason is null),
                """.formatted(id, key, at, p.bind(batch, "int"), exitReason(p, journey, step),
                p.bind(journey.stepIds().toArray(UUID[]::new), "uuid[]")));
        String deliveries = "0";
        if (step instanceof Definition.Send send) {
                sql.append("""
                        sent as (
                            insert into delivery (source_kind, source_id, occurrence, contact_id, channel, fallback, template_id, status, due_at, created_at)
                            select 'JOURNEY', %s, a.id::text, a.contact_id, coalesce(%s, t.channel), %s, t.id, 'PENDING', a.due_at, %s
                              from acting a join template t on t.key = %s
                            on conflict (source_kind, source_id, occurrence, contact_id, channel) do nothing
                            returning 1),
                        """.formatted(p.bind(send.id(), "uuid"), p.bind(send.channel(), "text"),
                        p.bind(send.fallback().toArray(String[]::new), "text[]"), at, p.bind(send.template(), "text")));
                sql.append(move(p, journey.definition(), send.next(), at));
            deliveries = "(select count(*) from sent)";
        } else if (step instanceof Definition.Wait wait) {
            sql.append(move(p, journey.definition(), wait.next(), at));
        } else if (step instanceof Definition.Condition condition) {
                sql.append("""
                        decided as (
                            select a.id, coalesce(%s, false) as yes
                              from acting a join contact c on c.id = a.contact_id %s),
                        outcome as (
                            update journey_entry_step s set outcome = case when d.yes then 'yes' else 'no' end
                              from decided d where s.entry_id = d.id and s.step = %s),
                        """.formatted(test(p, condition, now), RuleSql.JOINS, key));
            sql.append(branch(p, journey.definition(), condition, at));
        }
        sql.append("""
                arrived as (insert into journey_entry_step (entry_id, step, at) select id, step, %s from moved where step is not null
                            on conflict do nothing)
                select (select count(*) from due) as due, (select count(*) from moved) as moved, %s as deliveries,
                       (select count(*) from exited) as exited, (select count(*) from moved where step is null) as completed"""
                .formatted(at, deliveries));
        return pool.preparedQuery(sql.toString()).execute(p.tuple()).map(rows -> {
            Row row = rows.iterator().next();
            return new StepResult(row.getLong("due"), row.getLong("moved"), row.getLong("deliveries"), row.getLong("exited"),
                    row.getLong("completed"));
        });
    }

    /** Why a due entry leaves before the step runs, or null: the goal, an exit rule, an erased contact, a missing template. */
    private static String exitReason(Params p, Running journey, Definition.Step step) {
        StringBuilder reason = new StringBuilder("case");
        if (journey.goalEvent() != null) {
            reason.append(" when ").append(performed(p, journey.goalEvent(), "d")).append(" then 'goal'");
        }
        for (Definition.Exit exit : journey.definition().exits()) {
            if (exit.event() != null) {
                reason.append(" when ").append(performed(p, exit.event(), "d")).append(" then ").append(p.bind(exit.reason(), "text"));
            } else {
                reason.append(" when (select l.stage from contact_lifecycle l where l.contact_id = d.contact_id) = any(")
                        .append(p.bind(exit.stages().toArray(String[]::new), "text[]"))
                        .append(") then 'stage:' || (select l.stage from contact_lifecycle l where l.contact_id = d.contact_id)");
            }
        }
        reason.append(" when (select c.erased_at from contact c where c.id = d.contact_id) is not null then 'contact_erased'");
        if (step instanceof Definition.Send send) {
            reason.append(" when not exists (select 1 from template t where t.key = ").append(p.bind(send.template(), "text"))
                    .append(") then 'template_missing'");
        }
        return reason.append(" end").toString();
    }

    /** The contact performed the event after entering (the event that triggered the entry does not count). */
    private static String performed(Params p, String event, String alias) {
        return ("exists (select 1 from event ev where ev.contact_id = %1$s.contact_id and ev.type = %2$s"
                + " and ev.occurred_at >= %1$s.entered_at and ev.event_id is distinct from %1$s.context ->> 'eventId')")
                .formatted(alias, p.bind(event, "text"));
    }

    private static String test(Params p, Definition.Condition condition, Instant now) {
        if (condition.rule() != null) {
            return p.rule(condition.rule(), now);
        }
        if (condition.performed() != null) {
            return performed(p, condition.performed(), "a");
        }
        return "(a.context #>> " + p.bind(condition.contextPath().toArray(String[]::new), "text[]") + ") = any("
                + p.bind(condition.contextValues().toArray(String[]::new), "text[]") + ")";
    }

    /** Every acting entry to the next step (due after its delay when it is a wait), or completed when there is none. */
    private static String move(Params p, Definition definition, String next, String at) {
        return """
                moved as (
                    update journey_entry e set step = %s, due_at = %s, state = %s, finished_at = %s
                      from acting a where e.id = a.id returning e.id, e.step),
                """.formatted(p.bind(next, "text"), next == null ? "null" : arrival(p, definition, next, at),
                next == null ? "'COMPLETED'" : "'ACTIVE'", next == null ? at : "null");
    }

    private static String branch(Params p, Definition definition, Definition.Condition condition, String at) {
        String yes = p.bind(condition.yes(), "text");
        String no = p.bind(condition.no(), "text");
        String yesDue = condition.yes() == null ? "null" : arrival(p, definition, condition.yes(), at);
        String noDue = condition.no() == null ? "null" : arrival(p, definition, condition.no(), at);
        return """
                moved as (
                    update journey_entry e
                       set step = case when d.yes then %1$s else %2$s end,
                           due_at = case when d.yes then %3$s else %4$s end,
                           state = case when (case when d.yes then %1$s else %2$s end) is null then 'COMPLETED' else 'ACTIVE' end,
                           finished_at = case when (case when d.yes then %1$s else %2$s end) is null then %5$s end
                      from decided d where e.id = d.id returning e.id, e.step),
                """.formatted(yes, no, yesDue, noDue, at);
    }

    private static String arrival(Params p, Definition definition, String next, String at) {
        long seconds = definition.arrivalDelay(next).getSeconds();
        return seconds == 0 ? at : "(" + at + " + " + p.bind(seconds, "bigint") + " * interval '1 second')";
    }
}
