package io.yunying.community.trend;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The set-wise SQL of hot topics: roll-up and retention of the counters, baselines, the rising state, and the
 * computed lists (written whole inside the recompute transaction, read by every replica). Windows are read
 * from the minute and hour counters; aliases fold into their canonical topic when read.
 */
@ApplicationScoped
public class TrendRepository {

    /** The advisory locks the two recompute jobs run under: one replica at a time per job, released with the transaction. */
    static final long RISING_LOCK = 0x7975_6e79_6e67_05L;
    static final long SLOW_LOCK = RISING_LOCK + 1;

    /** Counters of both resolutions between two times, with aliases folded into their canonical topic. */
    private static final String COUNTERS = """
            (select coalesce(a.canonical, c.topic) as topic, c.bucket, c.users, c.last_users, c.mentions, c.engagement
             from (select topic, bucket, users, last_users, mentions, engagement from topic_minute where bucket >= $1 and bucket <= $2
                   union all
                   select topic, bucket, users, last_users, mentions, engagement from topic_hour where bucket >= $1 and bucket <= $2) c
             left join topic_alias a on a.alias = c.topic)""";

    public record Entry(int position, String topic, double score, long users, Double expected) {
    }

    public record Point(Instant at, long users) {
    }

    public Uni<Boolean> tryLock(SqlClient c, long lock) {
        return c.preparedQuery("select pg_try_advisory_xact_lock($1)").execute(Tuple.of(lock))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    public Uni<Map<String, Instant>> computedAt(SqlClient c) {
        return c.query("select list, computed_at from trend_list").execute().map(rows -> {
            Map<String, Instant> times = new HashMap<>();
            rows.forEach(r -> times.put(r.getString(0), r.getOffsetDateTime(1).toInstant()));
            return times;
        });
    }

    /** Minutes older than {@code before} move into their hour: the counters are sums, so moving is adding. */
    public Uni<Integer> rollUp(SqlClient c, Instant before) {
        return c.preparedQuery("""
                        with moved as (delete from topic_minute where bucket < $1 returning *)
                        insert into topic_hour as h (topic, bucket, users, last_users, mentions, engagement)
                        select topic, date_trunc('hour', bucket, 'UTC'), sum(users), sum(last_users), sum(mentions), sum(engagement)
                        from moved group by 1, 2 order by 1, 2
                        on conflict (topic, bucket) do update
                            set users = h.users + excluded.users, last_users = h.last_users + excluded.last_users,
                                mentions = h.mentions + excluded.mentions, engagement = h.engagement + excluded.engagement""")
                .execute(Tuple.of(utc(before))).map(rows -> rows.rowCount());
    }

    public Uni<Void> prune(SqlClient c, Instant before) {
        Tuple t = Tuple.of(utc(before));
        return c.preparedQuery("delete from topic_hour where bucket < $1").execute(t)
                .chain(() -> c.preparedQuery("delete from topic_actor where last_bucket < $1").execute(t))
                .chain(() -> c.preparedQuery("delete from topic_event where received_at < $1").execute(t))
                .replaceWithVoid();
    }

    /**
     * Expected distinct users per window: the users counted per bucket over the baseline period, scaled to one
     * window. A user active in several buckets counts in each, so steady chatter by the same people reads as a
     * higher expectation: the rising score leans conservative, never the other way.
     */
    public Uni<Void> refreshBaselines(SqlClient c, Instant from, Instant to, double windowsPerBaseline) {
        return c.query("delete from topic_baseline").execute()
                .chain(() -> c.preparedQuery("insert into topic_baseline (topic, expected) select topic, sum(users) / $3 from "
                                + COUNTERS + " h group by topic having sum(users) > 0")
                        .execute(Tuple.of(utc(from), utc(to.minusNanos(1000)), windowsPerBaseline)))
                .replaceWithVoid();
    }

    /**
     * A steady topic's raw score stays close to its slowly decaying peak; re-stamping the peak only when the raw
     * score is this much above the decayed one spares a write per topic and run. The list shows the higher of
     * the two, so what operators see is unchanged; the decay after a burst may start from a peak up to 5 % lower.
     */
    static final double RESTAMP_ABOVE = 1.05;

    /** Observed distinct users in the window of each topic being re-scored: canonical topic, aliases' counters included. */
    private static final String OBSERVED_TOUCHED = """
            with drained as (delete from topic_touch returning topics),
            touched as (select distinct coalesce(a.canonical, t) as topic
                        from drained, unnest(drained.topics) as t left join topic_alias a on a.alias = t),
            members as (select topic, topic as member from touched
                        union all select a.canonical, a.alias from topic_alias a join touched t on t.topic = a.canonical),
            observed as (select mb.topic, sum(m.last_users) as users
                         from members mb join topic_minute m on m.topic = mb.member and m.bucket >= $1 and m.bucket <= $2
                         group by mb.topic)
            insert into rising_observed (topic, users, expected)
            select o.topic, o.users, greatest(coalesce(b.expected, 0), $4)
            from observed o left join topic_baseline b on b.topic = o.topic
            where o.users >= $3""";
    private static final String OBSERVED_ALL = """
            insert into rising_observed (topic, users, expected)
            select o.topic, o.users, greatest(coalesce(b.expected, 0), $4)
            from (select coalesce(a.canonical, m.topic) as topic, sum(m.last_users) as users
                  from topic_minute m left join topic_alias a on a.alias = m.topic
                  where m.bucket >= $1 and m.bucket <= $2 group by 1) o
            left join topic_baseline b on b.topic = o.topic
            where o.users >= $3""";

    /**
     * The topics to re-score with their observed users (at least {@code minUsers}) and expected users: the touched
     * ones (draining {@code topic_touch} in the same statement, so what is drained is what is counted), or every
     * topic of the window.
     */
    public Uni<Void> observeRising(SqlClient c, boolean all, Instant now, Instant windowStart, int minUsers, double minExpected) {
        Tuple window = Tuple.of(utc(windowStart), utc(now), minUsers, minExpected);
        return c.query("create temporary table if not exists rising_observed (topic text collate \"C\" primary key, users bigint, expected float8) on commit drop")
                .execute()
                .chain(() -> all
                        // everything is re-scored: what was touched until now is covered
                        ? c.query("delete from topic_touch").execute().chain(() -> c.preparedQuery(OBSERVED_ALL).execute(window))
                        : c.preparedQuery(OBSERVED_TOUCHED).execute(window))
                .replaceWithVoid();
    }

    /**
     * Raises the rising peak of each observed topic whose raw score now exceeds its decayed one, and drops topics
     * whose decayed score fell below the floor. Raw score (Mastodon): (observed − expected)² / expected when
     * observed > expected and observed ≥ min users; observed = distinct users whose latest activity is in the window.
     * The decay is never applied row by row: peak · 0.5^((now − peak_at) / half-life) orders like
     * rank = log2(peak) + epoch(peak_at) / half-life, stored with the peak, so the list and the floor read an index.
     */
    public Uni<Void> updateRising(SqlClient c, boolean all, Instant now, double halfLifeSeconds, double dropBelow) {
        Uni<Void> ranks = all
                // a changed half-life (or rows from before ranks existed) re-ranks every peak
                ? c.preparedQuery("update topic_rising set rank = (ln(peak) / ln(2)) + extract(epoch from peak_at)::float8 / $1::float8"
                        + " where rank is distinct from (ln(peak) / ln(2)) + extract(epoch from peak_at)::float8 / $1::float8")
                .execute(Tuple.of(halfLifeSeconds)).replaceWithVoid()
                : Uni.createFrom().voidItem();
        return ranks.chain(() -> c.preparedQuery("""
                                insert into topic_rising as r (topic, peak, peak_at, rank)
                                select topic, score, $1, (ln(score) / ln(2)) + extract(epoch from $1::timestamptz)::float8 / $2::float8
                                from (select topic, (users - expected) ^ 2 / expected as score from rising_observed where users > expected) s
                                order by topic
                                on conflict (topic) do update set peak = excluded.peak, peak_at = excluded.peak_at, rank = excluded.rank
                                    where r.rank is null or excluded.rank >= r.rank + (ln($3::float8) / ln(2))""")
                        .execute(Tuple.of(utc(now), halfLifeSeconds, RESTAMP_ABOVE)))
                // a topic merged into another since its peak rises as the canonical one now
                .chain(() -> c.preparedQuery("delete from topic_rising where rank < (ln($3::float8) / ln(2)) + extract(epoch from $1::timestamptz)::float8 / $2::float8"
                                + " or topic in (select alias from topic_alias)")
                        .execute(Tuple.of(utc(now), halfLifeSeconds, Math.max(dropBelow, 1e-9))))
                .replaceWithVoid();
    }

    /**
     * The rising list: the {@code size} best peaks by rank (decayed, closed form), each shown as max(raw score now,
     * decayed peak) with its window's observed and expected users read afresh, highest first.
     */
    public Uni<Integer> writeRisingList(SqlClient c, Instant now, Instant windowStart, double halfLifeSeconds, int size,
                                        int minUsers, double minExpected) {
        return startList(c, TrendList.RISING, now).chain(() -> c.preparedQuery("""
                        with candidates as (select topic, peak, peak_at from topic_rising order by rank desc nulls last limit $4),
                        members as (select topic, topic as member from candidates
                                    union all select a.canonical, a.alias from topic_alias a join candidates c on c.topic = a.canonical),
                        observed as (select mb.topic, sum(m.last_users) as users from members mb
                                     join topic_minute m on m.topic = mb.member and m.bucket >= $5 and m.bucket <= $2 group by mb.topic),
                        scored as (select c.topic, c.peak * power(0.5, least(greatest(0, extract(epoch from ($2 - c.peak_at))) / $3, 1000)) as decayed,
                                          coalesce(o.users, 0) as users,
                                          case when o.users >= $6 then greatest(coalesce(b.expected, 0), $7) end as expected
                                   from candidates c left join observed o on o.topic = c.topic left join topic_baseline b on b.topic = c.topic)
                        insert into trend_entry (list, position, topic, score, users, expected)
                        select $1, row_number() over (order by score desc, topic), topic, score, users, expected from (
                            select topic, greatest(decayed, case when users > expected then (users - expected) ^ 2 / expected else 0 end) as score,
                                   users, expected
                            from scored) ranked""")
                .execute(Tuple.from(new Object[]{TrendList.RISING.key(), utc(now), halfLifeSeconds, size, utc(windowStart), minUsers, minExpected})))
                .map(rows -> rows.rowCount());
    }

    /**
     * A hot list over a window ending now: score = distinct users in the window (users whose latest activity
     * falls in it) + √(aggregated engagement weight), so engagement counted without users can lift a topic but
     * never outshout people. Topics scoring under the minimum are left out.
     */
    public Uni<Integer> writeHotList(SqlClient c, TrendList list, Instant since, Instant now, int minUsers, int size) {
        return startList(c, list, now).chain(() -> c.preparedQuery("""
                        insert into trend_entry (list, position, topic, score, users, expected)
                        select $3, row_number() over (order by score desc, topic), topic, score, users, null from (
                            select topic, users + sqrt(engagement) as score, users from (
                                select topic, sum(last_users) as users, sum(engagement) as engagement from """ + COUNTERS + """
                                 w group by topic) t
                            where users + sqrt(engagement) >= $4
                            order by score desc, topic limit $5) ranked""")
                .execute(Tuple.of(utc(since), utc(now), list.key(), minUsers, size))).map(rows -> rows.rowCount());
    }

    /** A list computed outside SQL (emerging phrases), replacing the previous one. */
    public Uni<Integer> writeList(SqlClient c, TrendList list, Instant now, List<Entry> entries) {
        if (entries.isEmpty()) {
            return startList(c, list, now).replaceWith(0);
        }
        int n = entries.size();
        Integer[] positions = new Integer[n];
        String[] topics = new String[n];
        Double[] scores = new Double[n];
        Long[] users = new Long[n];
        Double[] expected = new Double[n];
        for (int i = 0; i < n; i++) {
            Entry e = entries.get(i);
            positions[i] = e.position();
            topics[i] = e.topic();
            scores[i] = e.score();
            users[i] = e.users();
            expected[i] = e.expected();
        }
        return startList(c, list, now).chain(() -> c.preparedQuery("""
                        insert into trend_entry (list, position, topic, score, users, expected)
                        select $1, * from unnest($2::int[], $3::text[], $4::float8[], $5::bigint[], $6::float8[])""")
                .execute(Tuple.of(list.key(), positions, topics, scores, users, expected))).map(rows -> rows.rowCount());
    }

    private Uni<Void> startList(SqlClient c, TrendList list, Instant now) {
        return c.preparedQuery("insert into trend_list (list, computed_at) values ($1, $2) on conflict (list) do update set computed_at = excluded.computed_at")
                .execute(Tuple.of(list.key(), utc(now)))
                .chain(() -> c.preparedQuery("delete from trend_entry where list = $1").execute(Tuple.of(list.key())))
                .replaceWithVoid();
    }

    // ---- reads, by every replica

    public Uni<List<Entry>> entries(SqlClient c, TrendList list, int limit) {
        return c.preparedQuery("select position, topic, score, users, expected from trend_entry where list = $1 order by position limit $2")
                .execute(Tuple.of(list.key(), limit)).map(rows -> {
                    List<Entry> entries = new ArrayList<>(rows.size());
                    for (Row r : rows) {
                        entries.add(new Entry(r.getInteger(0), r.getString(1), r.getDouble(2), r.getLong(3), r.getDouble(4)));
                    }
                    return entries;
                });
    }

    /** Distinct users per step (users active in each bucket, summed over the step) for the given canonical topics. */
    public Uni<Map<String, List<Point>>> sparklines(SqlClient c, List<String> topics, Instant since, Instant now, long stepSeconds) {
        if (topics.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return c.preparedQuery("select topic, to_timestamp(floor(extract(epoch from bucket) / $4) * $4) as step, sum(users) from "
                        + COUNTERS + " s where topic = any($3) group by 1, 2 order by 1, 2")
                .execute(Tuple.of(utc(since), utc(now), topics.toArray(String[]::new), stepSeconds))
                .map(rows -> {
                    Map<String, List<Point>> lines = new HashMap<>();
                    for (Row r : rows) {
                        lines.computeIfAbsent(r.getString(0), k -> new ArrayList<>())
                                .add(new Point(r.getOffsetDateTime(1).toInstant(), r.getLong(2)));
                    }
                    return lines;
                });
    }

    /** All guidance and aliases: small tables, read whole when a list is assembled. */
    public Uni<Placement.State> guidance(SqlClient c) {
        return c.query("select topic, approved, blocked, pin_position, pinned_until, updated_by, updated_at from topic_guidance").execute()
                .chain(rows -> {
                    Map<String, TopicGuidance> guidance = new HashMap<>();
                    for (Row r : rows) {
                        TopicGuidance g = new TopicGuidance();
                        g.topic = r.getString(0);
                        g.approved = r.getBoolean(1);
                        g.blocked = r.getBoolean(2);
                        g.pinPosition = r.getInteger(3);
                        g.pinnedUntil = r.getOffsetDateTime(4) == null ? null : r.getOffsetDateTime(4).toInstant();
                        g.updatedBy = r.getString(5);
                        g.updatedAt = r.getOffsetDateTime(6).toInstant();
                        guidance.put(g.topic, g);
                    }
                    return c.query("select alias, canonical from topic_alias order by alias").execute().map(aliases -> {
                        Map<String, List<String>> byCanonical = new HashMap<>();
                        aliases.forEach(a -> byCanonical.computeIfAbsent(a.getString(1), k -> new ArrayList<>()).add(a.getString(0)));
                        return new Placement.State(guidance, byCanonical);
                    });
                });
    }

    public Uni<Instant> computedAt(SqlClient c, TrendList list) {
        return c.preparedQuery("select computed_at from trend_list where list = $1").execute(Tuple.of(list.key()))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getOffsetDateTime(0).toInstant());
    }

    /** Whether anything was ever recorded for the topic (or its aliases) within the retained history. */
    public Uni<Boolean> known(SqlClient c, String topic) {
        return c.preparedQuery("""
                        select exists (select 1 from topic_minute where topic = $1) or exists (select 1 from topic_hour where topic = $1)
                            or exists (select 1 from topic_guidance where topic = $1) or exists (select 1 from topic_alias where alias = $1 or canonical = $1)""")
                .execute(Tuple.of(topic)).map(rows -> rows.iterator().next().getBoolean(0));
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
