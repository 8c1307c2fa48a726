package io.yunying.content.revision;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.yunying.content.item.Item;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.yunying.content.support.Db.args;
import static io.yunying.content.support.Db.array;

@ApplicationScoped
public class RevisionRepository {

    /** Keeps the item's working copy as revision {@code item.revision}. */
    public Uni<Void> append(SqlClient db, Item item, String savedBy, List<String> changed, Instant at) {
        return db.preparedQuery("""
                        insert into content_revision (item_id, number, title, summary, body, cover_url, media_urls, category, tags,
                            saved_by, saved_at, changed)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)""")
                .execute(args(item.id, item.revision, item.title, item.summary, item.body, item.coverUrl, array(item.mediaUrls),
                        item.category, array(item.tags), savedBy, at, array(changed)))
                .replaceWithVoid();
    }

    /**
     * Bounded retention: only the newest {@code cap} revisions stay, plus the one that is live (apps still
     * read it, and restoring it must stay possible while it serves).
     */
    public Uni<Integer> prune(SqlClient db, UUID item, int cap, Integer liveRevision) {
        return db.preparedQuery("""
                        delete from content_revision
                        where item_id = $1 and number <= (select max(number) from content_revision where item_id = $1) - $2
                          and number is distinct from $3""")
                .execute(args(item, cap, liveRevision))
                .map(rows -> rows.rowCount());
    }

    public Uni<List<Revision>> list(SqlClient db, UUID item) {
        return db.preparedQuery("select * from content_revision where item_id = $1 order by number desc").execute(args(item))
                .map(rows -> {
                    List<Revision> all = new ArrayList<>();
                    rows.forEach(r -> all.add(Revision.from(r)));
                    return all;
                });
    }

    public Uni<Revision> find(SqlClient db, UUID item, int number) {
        return db.preparedQuery("select * from content_revision where item_id = $1 and number = $2").execute(args(item, number))
                .map(rows -> rows.size() == 0 ? null : Revision.from(rows.iterator().next()));
    }
}
