package io.yunying.content.item;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.yunying.content.pipeline.ContentState;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.yunying.content.support.Db.args;
import static io.yunying.content.support.Db.array;

/** SQL for content items. Methods take the client so callers compose them inside one transaction. */
@ApplicationScoped
public class ItemRepository {

    private static final String SELECT = """
            select i.*, array(select c.slug from collection_item ci join collection c on c.id = ci.collection_id
                              where ci.item_id = i.id order by c.slug) as collections
            from content_item i""";

    public Uni<Item> find(SqlClient db, UUID id) {
        return db.preparedQuery(SELECT + " where i.id = $1").execute(args(id)).map(ItemRepository::first);
    }

    /** The item, locked until the transaction ends, so a decision about its state cannot race another. */
    public Uni<Item> lock(SqlClient db, UUID id) {
        return db.preparedQuery(SELECT + " where i.id = $1 for update of i").execute(args(id)).map(ItemRepository::first);
    }

    public Uni<Item> findBySlug(SqlClient db, String slug) {
        return db.preparedQuery(SELECT + " where i.slug = $1").execute(args(slug)).map(ItemRepository::first);
    }

    public Uni<Item> findByIdempotencyKey(SqlClient db, String author, String key) {
        return db.preparedQuery(SELECT + " where i.author = $1 and i.idempotency_key = $2").execute(args(author, key))
                .map(ItemRepository::first);
    }

    public Uni<Long> countUgcSince(SqlClient db, String author, Instant since) {
        return db.preparedQuery("select count(*) from content_item where source = 'UGC' and author = $1 and created_at > $2")
                .execute(args(author, since)).map(rows -> rows.iterator().next().getLong(0));
    }

    public Uni<Instant> oldestUgcSince(SqlClient db, String author, Instant since) {
        return db.preparedQuery("select min(created_at) from content_item where source = 'UGC' and author = $1 and created_at > $2")
                .execute(args(author, since)).map(rows -> io.yunying.content.support.Db.instant(rows.iterator().next(), "min"));
    }

    public Uni<Void> insert(SqlClient db, Item i) {
        return db.preparedQuery("""
                        insert into content_item (id, slug, type, source, state, title, summary, body, cover_url, media_urls,
                            author, locale, category, tags, revision, priority, moderation, idempotency_key, created_at, updated_at, version,
                            idempotency_hash)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, 0, $21)""")
                .execute(args(i.id, i.slug, i.type.name(), i.source.name(), i.state.name(), i.title, i.summary, i.body,
                        i.coverUrl, array(i.mediaUrls), i.author, i.locale, i.category, array(i.tags), i.revision, i.priority,
                        i.moderation, i.idempotencyKey, i.createdAt, i.updatedAt, i.idempotencyHash))
                .replaceWithVoid();
    }

    /** Writes every mutable column and bumps the version, which becomes the item's new ETag. */
    public Uni<Item> save(SqlClient db, Item i) {
        return db.preparedQuery("""
                        update content_item set state = $2, title = $3, summary = $4, body = $5, cover_url = $6, media_urls = $7,
                            category = $8, tags = $9, revision = $10, live_revision = $11, publish_at = $12, unpublish_at = $13,
                            published_at = $14, reason = $15, priority = $16, submitted_at = $17, claimed_by = $18,
                            claim_expires_at = $19, moderation = $20, updated_at = $21, changes = $22, changes_reason = $23,
                            version = version + 1
                        where id = $1 returning version""")
                .execute(args(i.id, i.state.name(), i.title, i.summary, i.body, i.coverUrl, array(i.mediaUrls), i.category,
                        array(i.tags), i.revision, i.liveRevision, i.publishAt, i.unpublishAt, i.publishedAt, i.reason,
                        i.priority, i.submittedAt, i.claimedBy, i.claimExpiresAt, i.moderation, i.updatedAt,
                        i.changes == null ? null : i.changes.name(), i.changesReason))
                .map(rows -> {
                    i.version = rows.iterator().next().getLong("version");
                    return i;
                });
    }

    /** Keeps the author's own text of a submission whose words the moderation check masked. */
    public Uni<Void> keepMaskedOriginal(SqlClient db, UUID id, JsonObject original) {
        return db.preparedQuery("update content_item set masked_original = $2 where id = $1").execute(args(id, original)).replaceWithVoid();
    }

    /** One app user's UGC, newest first, after the keyset {@code (createdAt, id)}. */
    public Uni<List<Item>> ugcOf(SqlClient db, String author, Instant afterCreated, UUID afterId, int limit) {
        return db.preparedQuery(SELECT + "\n" + """
                         where i.source = 'UGC' and i.author = $1
                           and ($2::timestamptz is null or (i.created_at, i.id) < ($2, $3))
                         order by i.created_at desc, i.id desc limit $4""")
                .execute(args(author, afterCreated, afterId, limit))
                .map(ItemRepository::all);
    }

    /** The live copy now carries this revision number (its content is unchanged). */
    public Uni<Void> relabelLive(SqlClient db, UUID id, int revision) {
        return db.preparedQuery("update published_content set revision = $2 where id = $1").execute(args(id, revision)).replaceWithVoid();
    }

    public Uni<List<Item>> list(SqlClient db, ContentState state, ContentSource source, Instant afterUpdated, UUID afterId, int limit) {
        return db.preparedQuery(SELECT + "\n" + """
                         where ($1::text is null or i.state = $1) and ($2::text is null or i.source = $2)
                           and ($3::timestamptz is null or (i.updated_at, i.id) < ($3, $4))
                         order by i.updated_at desc, i.id desc limit $5""")
                .execute(args(state == null ? null : state.name(), source == null ? null : source.name(), afterUpdated, afterId, limit))
                .map(ItemRepository::all);
    }

    static Item first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? Item.from(it.next()) : null;
    }

    static List<Item> all(RowSet<Row> rows) {
        List<Item> items = new ArrayList<>(rows.size());
        rows.forEach(r -> items.add(Item.from(r)));
        return items;
    }
}
