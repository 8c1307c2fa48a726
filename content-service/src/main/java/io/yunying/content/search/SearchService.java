package io.yunying.content.search;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.yunying.content.item.ContentType;
import io.yunying.content.support.Cursors;
import io.yunying.content.support.Db;
import io.yunying.content.support.Page;
import io.yunying.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Search over published content. PostgreSQL has no Chinese tokenizer, so matching is by substring over a
 * lower-cased text of title, summary and body; a pg_trgm GIN index serves those {@code LIKE} patterns, for
 * Chinese and English alike. Results come newest first, paged by the keyset {@code (publishedAt, id)}.
 */
@ApplicationScoped
public class SearchService {

    private final Pool pool;

    public SearchService(Pool pool) {
        this.pool = pool;
    }

    public record Query(String text, String category, String tag, ContentType type, String author, Instant from, Instant to) {
    }

    public Uni<Page<SearchHit>> search(Query q, String cursor, Integer limit) {
        int size = Cursors.limit(limit, 20, 100);
        StringBuilder sql = new StringBuilder("""
                select p.id, p.type, p.title, p.summary, p.cover_url, p.author, p.category, p.tags, p.published_at
                from published_content p where true""");
        List<Object> params = new ArrayList<>();
        if (q.text() != null && !q.text().isBlank()) {
            params.add("%" + escapeLike(q.text().strip().toLowerCase(Locale.ROOT)) + "%");
            sql.append(" and p.search_text like $").append(params.size());
        }
        if (q.category() != null) {
            params.add(q.category());
            sql.append(" and p.category = $").append(params.size());
        }
        if (q.tag() != null) {
            params.add(new String[]{q.tag().strip().toLowerCase(Locale.ROOT)});
            sql.append(" and p.tags @> $").append(params.size()).append("::text[]");
        }
        if (q.type() != null) {
            params.add(q.type().name());
            sql.append(" and p.type = $").append(params.size());
        }
        if (q.author() != null) {
            params.add(q.author());
            sql.append(" and p.author = $").append(params.size());
        }
        if (q.from() != null) {
            params.add(q.from());
            sql.append(" and p.published_at >= $").append(params.size());
        }
        if (q.to() != null) {
            params.add(q.to());
            sql.append(" and p.published_at < $").append(params.size());
        }
        if (cursor != null) {
            var key = Cursors.decode(cursor, 2);
            try {
                params.add(Instant.parse(key.getString(0)));
                params.add(UUID.fromString(key.getString(1)));
            } catch (RuntimeException e) {
                throw ProblemException.invalid("cursor", "not a cursor this endpoint issued");
            }
            sql.append(" and (p.published_at, p.id) < ($").append(params.size() - 1).append("::timestamptz, $")
                    .append(params.size()).append("::uuid)");
        }
        params.add(size + 1);
        sql.append(" order by p.published_at desc, p.id desc limit $").append(params.size());
        return pool.preparedQuery(sql.toString()).execute(Db.args(params.toArray())).map(rows -> {
            List<SearchHit> hits = new ArrayList<>();
            for (Row r : rows) {
                hits.add(SearchHit.from(r));
            }
            boolean more = hits.size() > size;
            List<SearchHit> page = more ? hits.subList(0, size) : hits;
            SearchHit last = page.isEmpty() ? null : page.get(page.size() - 1);
            return new Page<>(page, more ? Cursors.encode(last.publishedAt(), last.id()) : null);
        });
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
