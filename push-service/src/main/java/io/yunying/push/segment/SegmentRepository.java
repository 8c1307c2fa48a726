package io.yunying.push.segment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
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
public class SegmentRepository {

    /** The contacts a rule is evaluated over; unused joins are removed by the planner. */
    static final String AUDIENCE = """
            from contact c
            left join contact_rfm r on r.contact_id = c.id
            left join contact_lifecycle l on l.contact_id = c.id
            where c.erased_at is null and\s""";

    private final Pool pool;
    private final ObjectMapper json;

    public SegmentRepository(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    public Uni<SegmentView> insert(SegmentRequest r, Instant now) {
        return pool.preparedQuery("""
                        insert into segment (id, key, name, description, rule, materialised, created_at, updated_at)
                        values ($1, $2, $3, $4, $5::text::jsonb, $6, $7, $7) returning *""")
                .execute(Tuple.from(new Object[]{UUID.randomUUID(), r.key(), r.name(), r.description(), r.rule().toString(),
                        r.materialised(), odt(now)}))
                .map(this::first);
    }

    public Uni<SegmentView> find(String key) {
        return pool.preparedQuery("select * from segment where key = $1").execute(Tuple.of(key)).map(this::first);
    }

    public Uni<List<SegmentView>> page(String afterKey, int limit) {
        return pool.preparedQuery("select * from segment where key > $1 order by key limit $2")
                .execute(Tuple.of(afterKey, limit)).map(this::all);
    }

    public Uni<List<SegmentView>> byKeys(List<String> keys) {
        return pool.preparedQuery("select * from segment where key = any($1)").execute(Tuple.of(keys.toArray(String[]::new))).map(this::all);
    }

    public Uni<List<SegmentView>> materialised() {
        return pool.query("select * from segment where materialised order by key").execute().map(this::all);
    }

    public Uni<Integer> update(String key, Long expectedVersion, SegmentRequest r, Instant now) {
        return pool.preparedQuery("""
                        update segment set name = $3, description = $4, rule = $5::text::jsonb, materialised = $6, updated_at = $7,
                               version = version + 1,
                               member_count = case when $6 then member_count end, refreshed_at = case when $6 then refreshed_at end
                         where key = $1 and ($2::bigint is null or version = $2)""")
                .execute(Tuple.from(new Object[]{key, expectedVersion, r.name(), r.description(), r.rule().toString(),
                        r.materialised(), odt(now)}))
                .map(RowSet::rowCount);
    }

    /** Members of a segment that stopped being materialised would go stale silently; drop them. */
    public Uni<Void> dropMembersIfLive(String key) {
        return pool.preparedQuery("delete from segment_member m using segment s where s.id = m.segment_id and s.key = $1 and not s.materialised")
                .execute(Tuple.of(key)).replaceWithVoid();
    }

    public Uni<Integer> delete(String key) {
        return pool.preparedQuery("delete from segment where key = $1").execute(Tuple.of(key)).map(RowSet::rowCount);
    }

    /** Keys of the segments whose rule refers to the given one. */
    public Uni<List<String>> referencing(String key) {
        return pool.preparedQuery("""
                        select key from segment
                         where key <> $1 and jsonb_path_exists(rule, '$.** ? (@.segment == $k)', jsonb_build_object('k', $1::text))
                         order by key""")
                .execute(Tuple.of(key))
                .map(rows -> {
                    List<String> keys = new ArrayList<>();
                    rows.forEach(row -> keys.add(row.getString("key")));
                    return keys;
                });
    }

    /** Whether each existing key is materialised. */
    public Uni<Map<String, Boolean>> materialisedFlags(List<String> keys) {
        return pool.preparedQuery("select key, materialised from segment where key = any($1)")
                .execute(Tuple.of(keys.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Boolean> flags = new HashMap<>();
                    rows.forEach(row -> flags.put(row.getString("key"), row.getBoolean("materialised")));
                    return flags;
                });
    }

    public Uni<Long> count(CompiledRule rule) {
        return pool.preparedQuery("select count(*) as n " + AUDIENCE + "(" + rule.where() + ")")
                .execute(Tuple.from(rule.params()))
                .map(rows -> rows.iterator().next().getLong("n"));
    }

    /**
     * Recomputes a materialised membership in one statement: members who left are deleted, new ones
     * inserted, the count stored. Returns null when another replica is refreshing the same segment.
     * The rule must be compiled with a parameter offset of 2.
     */
    public Uni<Long> refresh(UUID segment, CompiledRule rule, Instant now) {
        List<Object> params = new ArrayList<>();
        params.add(segment);
        params.add(odt(now));
        params.addAll(rule.params());
        return pool.withTransaction(tx -> tx.preparedQuery("select pg_try_advisory_xact_lock(hashtextextended($1::uuid::text, 6001)) as locked")
                .execute(Tuple.of(segment))
                .flatMap(lock -> !lock.iterator().next().getBoolean("locked") ? Uni.createFrom().nullItem()
                        : tx.preparedQuery("""
                                with target as (select c.id\s""" + AUDIENCE + "(" + rule.where() + ")),\n" + """
                                removed as (
                                    delete from segment_member m
                                     where m.segment_id = $1 and not exists (select 1 from target t where t.id = m.contact_id)),
                                added as (
                                    insert into segment_member (segment_id, contact_id)
                                    select $1, id from target on conflict do nothing)
                                update segment set member_count = (select count(*) from target), refreshed_at = $2
                                 where id = $1
                                returning member_count""")
                        .execute(Tuple.from(params))
                        .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getLong("member_count") : null)));
    }

    /** A page of member external ids in registration order; the rule must be compiled with offset 2. */
    public Uni<List<Member>> liveMembers(CompiledRule rule, long afterSeq, int limit) {
        List<Object> params = new ArrayList<>();
        params.add(afterSeq);
        params.add(limit);
        params.addAll(rule.params());
        return pool.preparedQuery("select c.external_id, c.seq " + AUDIENCE + "c.seq > $1 and (" + rule.where() + ") order by c.seq limit $2")
                .execute(Tuple.from(params)).map(SegmentRepository::members);
    }

    public Uni<List<Member>> storedMembers(UUID segment, long afterSeq, int limit) {
        return pool.preparedQuery("""
                        select c.external_id, c.seq from segment_member m join contact c on c.id = m.contact_id
                         where m.segment_id = $1 and c.seq > $2 and c.erased_at is null order by c.seq limit $3""")
                .execute(Tuple.of(segment, afterSeq, limit)).map(SegmentRepository::members);
    }

    record Member(String externalId, long seq) {
    }

    private static List<Member> members(RowSet<Row> rows) {
        List<Member> list = new ArrayList<>();
        rows.forEach(row -> list.add(new Member(row.getString("external_id"), row.getLong("seq"))));
        return list;
    }

    private SegmentView first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? view(it.next()) : null;
    }

    private List<SegmentView> all(RowSet<Row> rows) {
        List<SegmentView> list = new ArrayList<>();
        rows.forEach(row -> list.add(view(row)));
        return list;
    }

    private SegmentView view(Row row) {
        JsonNode rule;
        try {
            rule = json.readTree(row.getValue("rule").toString());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return new SegmentView(row.getUUID("id"), row.getString("key"), row.getString("name"), row.getString("description"),
                rule, row.getBoolean("materialised"), row.getLong("member_count"), instant(row.getOffsetDateTime("refreshed_at")),
                instant(row.getOffsetDateTime("created_at")), instant(row.getOffsetDateTime("updated_at")), row.getLong("version"));
    }
}
