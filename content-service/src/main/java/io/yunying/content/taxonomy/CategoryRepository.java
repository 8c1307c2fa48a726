package io.yunying.content.taxonomy;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.yunying.content.support.Db;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.yunying.content.support.Db.args;

@ApplicationScoped
public class CategoryRepository {

    public Uni<Category> find(SqlClient db, String slug) {
        return db.preparedQuery("select * from category where slug = $1").execute(args(slug))
                .map(rows -> rows.size() == 0 ? null : from(rows.iterator().next()));
    }

    /** Inserts or updates by slug; answers the row as stored. */
    public Uni<Category> upsert(SqlClient db, String slug, String name, boolean requiresReview, Instant now) {
        return db.preparedQuery("""
                        insert into category (slug, name, requires_review, created_at, updated_at) values ($1, $2, $3, $4, $4)
                        on conflict (slug) do update set name = excluded.name, requires_review = excluded.requires_review,
                            updated_at = excluded.updated_at, version = category.version + 1
                        returning *""")
                .execute(args(slug, name, requiresReview, now))
                .map(rows -> from(rows.iterator().next()));
    }

    public Uni<List<Category>> list(SqlClient db) {
        return db.query("select * from category order by slug").execute().map(rows -> {
            List<Category> all = new ArrayList<>();
            rows.forEach(r -> all.add(from(r)));
            return all;
        });
    }

    /** Tags in use on published content, most used first. */
    public Uni<List<TagCount>> tags(SqlClient db, int limit) {
        return db.preparedQuery("""
                        select tag, count(*) as items from published_content, unnest(tags) as tag
                        group by tag order by items desc, tag limit $1""")
                .execute(args(limit))
                .map(rows -> {
                    List<TagCount> all = new ArrayList<>();
                    rows.forEach(r -> all.add(new TagCount(r.getString("tag"), r.getLong("items"))));
                    return all;
                });
    }

    private static Category from(Row r) {
        return new Category(r.getString("slug"), r.getString("name"), r.getBoolean("requires_review"),
                Db.instant(r, "created_at"), Db.instant(r, "updated_at"), r.getLong("version"));
    }

    public record TagCount(String tag, long items) {
    }
}
