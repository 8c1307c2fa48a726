package io.yunying.push.journey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.yunying.push.support.Times.instant;
import static io.yunying.push.support.Times.odt;

@ApplicationScoped
public class JourneyRepository {

    private final Pool pool;
    private final ObjectMapper json;

    public JourneyRepository(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }



    public Uni<JourneyView> insert(UUID id, JourneyRequest r, JsonNode steps, Instant now) {
        return pool.preparedQuery("""
                        insert into journey (id, key, name, description, status, trigger, audience_segment, re_entry_days,
                                             goal_event, goal_window_hours, exits, steps, created_at, updated_at)
                        values ($1, $2, $3, $4, 'DRAFT', $5::text::jsonb, $6, $7, $8, $9, $10::text::jsonb, $11::text::jsonb, $12, $12)
                        returning *""")
                .execute(Tuple.from(new Object[]{id, r.key(), r.name(), r.description(), r.trigger().toString(), r.audienceSegment(),
                        r.reEntryAfterDays(), r.goalEvent(), windowHours(r), exits(r), steps.toString(), odt(now)}))
                .map(this::first);
    }

    public Uni<JourneyView> find(UUID id) {
        return pool.preparedQuery("select * from journey where id = $1").execute(Tuple.of(id)).map(this::first);
    }

    public Uni<JourneyView> findByKey(String key) {
        return pool.preparedQuery("select * from journey where key = $1").execute(Tuple.of(key)).map(this::first);
    }

    public Uni<List<JourneyView>> page(String status, String afterKey, int limit) {
        return pool.preparedQuery("select * from journey where ($1::text is null or status = $1) and key > $2 order by key limit $3")
                .execute(Tuple.of(status, afterKey, limit)).map(this::all);
    }

    public Uni<List<JourneyView>> active() {
        return pool.query("select * from journey where status = 'ACTIVE' order by key").execute().map(this::all);
    }

    /** Replaces the editable columns when the version matches (or no version is expected); returns the rows changed. */
    public Uni<Integer> update(UUID id, Long expectedVersion, JourneyRequest r, JsonNode steps, Instant now) {
        return pool.preparedQuery("""
                        update journey set name = $3, description = $4, trigger = $5::text::jsonb, audience_segment = $6,
                               re_entry_days = $7, goal_event = $8, goal_window_hours = $9, exits = $10::text::jsonb,
                               steps = $11::text::jsonb, updated_at = $12, version = version + 1
                         where id = $1 and ($2::bigint is null or version = $2)""")
                .execute(Tuple.from(new Object[]{id, expectedVersion, r.name(), r.description(), r.trigger().toString(),
                        r.audienceSegment(), r.reEntryAfterDays(), r.goalEvent(), windowHours(r), exits(r), steps.toString(), odt(now)}))
                .map(RowSet::rowCount);
    }

    /**
     * Moves a journey from one status to another in one transaction with what the move implies:
     * activating (again) puts its trigger cursor at the head of the sources, so only triggers from now
     * on count; archiving ends every entry and cancels the journey's messages not yet sent.
     * Returns the rows changed: 0 when the status or version moved meanwhile.
     */
    public Uni<Integer> transition(UUID id, Long expectedVersion, JourneyStatus from, JourneyStatus to, Instant now) {
        return pool.withTransaction(tx -> tx.preparedQuery("""
                                update journey set status = $4, updated_at = $5, version = version + 1,
                                       activated_at = case when $4 = 'ACTIVE' then coalesce(activated_at, $5) else activated_at end
                                 where id = $1 and status = $3 and ($2::bigint is null or version = $2)""")
                        .execute(Tuple.from(new Object[]{id, expectedVersion, from.name(), to.name(), odt(now)}))
                        .flatMap(rows -> rows.rowCount() == 0 ? Uni.createFrom().item(0)
                                : after(tx, id, to, now).replaceWith(rows.rowCount())));
    }

    private Uni<Void> after(SqlClient tx, UUID id, JourneyStatus to, Instant now) {
        if (to == JourneyStatus.ACTIVE) {
            return tx.preparedQuery("""
                            insert into journey_cursor (journey_id, tx, seq, updated_at)
                            values ($1, pg_snapshot_xmin(pg_current_snapshot()), 0, $2)
                            on conflict (journey_id) do update set tx = excluded.tx, seq = 0, updated_at = excluded.updated_at""")
                    .execute(Tuple.of(id, odt(now))).replaceWithVoid();
        }
        if (to == JourneyStatus.ARCHIVED) {
            return tx.preparedQuery("""
                            update journey_entry set state = 'EXITED', exit_reason = 'archived', step = null, due_at = null, finished_at = $2
                             where journey_id = $1 and state = 'ACTIVE'""")
                    .execute(Tuple.of(id, odt(now)))
                    .flatMap(x -> tx.preparedQuery("""
                            update delivery d set status = 'CANCELLED', reason = 'journey_archived'
                              from journey j, jsonb_array_elements(j.steps) s
                             where j.id = $1 and d.source_kind = 'JOURNEY' and d.source_id = (s ->> 'id')::uuid and d.status = 'PENDING'""")
                            .execute(Tuple.of(id)))
                    .replaceWithVoid();
        }
        return Uni.createFrom().voidItem();
    }

    public Uni<Integer> deleteDraft(UUID id) {
        return pool.preparedQuery("delete from journey where id = $1 and status = 'DRAFT'").execute(Tuple.of(id)).map(RowSet::rowCount);
    }

    /** Step ids by key of the saved version. */
    public Map<String, UUID> stepIds(JourneyView journey) {
        Map<String, UUID> ids = new HashMap<>();
        journey.steps().forEach(s -> ids.put(s.get("key").asText(), UUID.fromString(s.get("id").asText())));
        return ids;
    }

    /** Templates by key: id and channel. */
    public Uni<Map<String, String>> templateChannels(List<String> keys) {
        return pool.preparedQuery("select key, channel from template where key = any($1)")
                .execute(Tuple.of(keys.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, String> channels = new HashMap<>();
                    rows.forEach(row -> channels.put(row.getString("key"), row.getString("channel")));
                    return channels;
                });
    }

    public Uni<List<EntryView>> entries(UUID journey, String state, long afterId, int limit) {
        return pool.preparedQuery("""
                        select e.*, c.external_id from journey_entry e join contact c on c.id = e.contact_id
                         where e.journey_id = $1 and ($2::text is null or e.state = $2) and e.id > $3 order by e.id limit $4""")
                .execute(Tuple.of(journey, state, afterId, limit))
                .map(rows -> {
                    List<EntryView> list = new ArrayList<>();
                    rows.forEach(row -> list.add(new EntryView(row.getLong("id"), row.getString("external_id"),
                            row.getString("occurrence"), row.getString("state").toLowerCase(), row.getString("step"),
                            instant(row.getOffsetDateTime("due_at")), tree(row.getValue("context")),
                            instant(row.getOffsetDateTime("entered_at")), instant(row.getOffsetDateTime("finished_at")),
                            row.getString("exit_reason"))));
                    return list;
                });
    }

    private static int windowHours(JourneyRequest r) {
        return r.goalWindowHours() == null ? 72 : r.goalWindowHours();
    }

    private static String exits(JourneyRequest r) {
        return r.exits() == null || r.exits().isNull() ? "[]" : r.exits().toString();
    }

    private JourneyView first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? view(it.next()) : null;
    }

    private List<JourneyView> all(RowSet<Row> rows) {
        List<JourneyView> list = new ArrayList<>();
        rows.forEach(row -> list.add(view(row)));
        return list;
    }

    private JsonNode tree(Object value) {
        try {
            return value == null ? null : json.readTree(value.toString());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JourneyView view(Row row) {
        return new JourneyView(row.getUUID("id"), row.getString("key"), row.getString("name"), row.getString("description"),
                row.getString("status").toLowerCase(), tree(row.getValue("trigger")), row.getString("audience_segment"),
                row.getInteger("re_entry_days"), row.getString("goal_event"), row.getInteger("goal_window_hours"),
                tree(row.getValue("exits")), tree(row.getValue("steps")), instant(row.getOffsetDateTime("activated_at")),
                instant(row.getOffsetDateTime("created_at")), instant(row.getOffsetDateTime("updated_at")), row.getLong("version"));
    }
}
