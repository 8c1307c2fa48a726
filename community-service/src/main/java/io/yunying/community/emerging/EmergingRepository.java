package io.yunying.community.emerging;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Phrase mentions: which author used which phrase in which bucket, and the counts burst detection reads. */
@ApplicationScoped
public class EmergingRepository {

    public Uni<Void> record(Mutiny.Session session, String author, Instant bucket, List<String> phrases) {
        if (phrases.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return session.createNativeQuery("""
                        insert into phrase_mention (phrase, bucket, author)
                        select p, ?2, ?3 from unnest(cast(?1 as text[])) as p on conflict do nothing""")
                .setParameter(1, phrases.toArray(String[]::new)).setParameter(2, utc(bucket)).setParameter(3, author)
                .executeUpdate().replaceWithVoid();
    }

    /** Distinct authors per phrase between two times, for phrases with at least {@code minAuthors}. */
    public Uni<Map<String, Long>> observed(SqlClient c, Instant from, Instant to, int minAuthors) {
        return c.preparedQuery("""
                        select phrase, count(distinct author) from phrase_mention where bucket >= $1 and bucket <= $2
                        group by phrase having count(distinct author) >= $3""")
                .execute(Tuple.of(utc(from), utc(to), minAuthors)).map(EmergingRepository::counts);
    }

    /** Authors per bucket summed over a period, for the given phrases. */
    public Uni<Map<String, Long>> baseline(SqlClient c, Instant from, Instant to, List<String> phrases) {
        if (phrases.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return c.preparedQuery("select phrase, count(*) from phrase_mention where bucket >= $1 and bucket < $2 and phrase = any($3) group by phrase")
                .execute(Tuple.of(utc(from), utc(to), phrases.toArray(String[]::new))).map(EmergingRepository::counts);
    }

    public Uni<Void> prune(SqlClient c, Instant before) {
        return c.preparedQuery("delete from phrase_mention where bucket < $1").execute(Tuple.of(utc(before))).replaceWithVoid();
    }

    private static Map<String, Long> counts(Iterable<Row> rows) {
        Map<String, Long> counts = new HashMap<>();
        rows.forEach(r -> counts.put(r.getString(0), r.getLong(1)));
        return counts;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
