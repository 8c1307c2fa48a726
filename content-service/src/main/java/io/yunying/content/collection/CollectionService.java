package io.yunying.content.collection;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.yunying.content.feed.Card;
import io.yunying.content.support.Db;
import io.yunying.platform.problem.ProblemException;
import io.yunying.content.feed.FeedChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.yunying.content.support.Db.args;

/** 专题 collections: curated order, their own DRAFT/PUBLISHED state. */
@ApplicationScoped
public class CollectionService {

    private final Pool pool;
    private final Clock clock;
    private final Event<FeedChanged> changed;

    public CollectionService(Pool pool, Clock clock, Event<FeedChanged> changed) {
        this.pool = pool;
        this.clock = clock;
        this.changed = changed;
    }

    public Uni<CollectionView> put(String slug, CollectionView.Request request) {
        return pool.preparedQuery("""
                        insert into collection (id, slug, title, cover_url, description, state, created_at, updated_at)
                        values ($1, $2, $3, $4, $5, 'DRAFT', $6, $6)
                        on conflict (slug) do update set title = excluded.title, cover_url = excluded.cover_url,
                            description = excluded.description, updated_at = excluded.updated_at, version = collection.version + 1""")
                .execute(args(UUID.randomUUID(), slug, request.title().strip(), request.coverUrl(), request.description(), clock.instant()))
                .chain(() -> get(slug, true));
    }

    /** Replaces the members with {@code itemIds}, in that order, in one statement. */
    public Uni<CollectionView> setItems(String slug, List<UUID> itemIds) {
        UUID[] ids = new LinkedHashSet<>(itemIds).toArray(UUID[]::new);
        if (ids.length != itemIds.size()) {
            throw ProblemException.invalid("itemIds", "an item may appear once");
        }
        return pool.withTransaction(db -> db.preparedQuery("select id from collection where slug = $1 for update").execute(args(slug))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().failure(ProblemException.notFound("collection", slug));
                    }
                    UUID collection = rows.iterator().next().getUUID("id");
                    return db.preparedQuery("select count(*) from content_item where id = any($1::uuid[])").execute(args((Object) ids))
                            .chain(count -> count.iterator().next().getLong(0) < ids.length
                                    ? Uni.createFrom().failure(ProblemException.invalid("itemIds", "every item must exist"))
                                    : db.preparedQuery("delete from collection_item where collection_id = $1").execute(args(collection))
                                    .chain(() -> db.preparedQuery("""
                                                    insert into collection_item (collection_id, item_id, position)
                                                    select $1, item, ord from unnest($2::uuid[]) with ordinality as t(item, ord)""")
                                            .execute(args(collection, ids)))
                                    .chain(() -> db.preparedQuery("update collection set updated_at = $2, version = version + 1 where id = $1")
                                            .execute(args(collection, clock.instant())))
                                    .replaceWithVoid());
                })).invoke(() -> changed.fire(new FeedChanged("collection " + slug))).chain(() -> get(slug, true));
    }

    public Uni<CollectionView> setState(String slug, String state) {
        return pool.preparedQuery("""
                        update collection set state = $2, updated_at = $3, version = version + 1 where slug = $1 and state <> $2
                        returning id""")
                .execute(args(slug, state, clock.instant()))
                .invoke(() -> changed.fire(new FeedChanged("collection " + slug)))
                .chain(rows -> rows.size() > 0 ? get(slug, true) : get(slug, true).invoke(c -> {
                    throw ProblemException.conflict("illegal-transition", "Illegal state change",
                            "the collection is already " + state, Map.of("currentState", c.state(),
                                    "allowedStates", List.of(state.equals("PUBLISHED") ? "DRAFT" : "PUBLISHED")));
                }));
    }

    /** A collection; readers who are not editors see only published ones. */
    public Uni<CollectionView> get(String slug, boolean editor) {
        return pool.preparedQuery("select * from collection where slug = $1").execute(args(slug)).chain(rows -> {
            if (rows.size() == 0 || (!editor && !"PUBLISHED".equals(rows.iterator().next().getString("state")))) {
                return Uni.createFrom().failure(ProblemException.notFound("collection", slug));
            }
            Row c = rows.iterator().next();
            UUID id = c.getUUID("id");
            return pool.preparedQuery("""
                            select ci.item_id, p.id, p.type, p.title, p.summary, p.cover_url, p.author, p.category, p.tags,
                                   p.published_at, s.views, s.likes, s.comments, s.shares
                            from collection_item ci left join published_content p on p.id = ci.item_id
                            left join content_stats s on s.item_id = ci.item_id
                            where ci.collection_id = $1 order by ci.position""")
                    .execute(args(id))
                    .map(members -> {
                        List<Card> cards = new ArrayList<>();
                        List<UUID> ids = new ArrayList<>();
                        for (Row m : members) {
                            ids.add(m.getUUID("item_id"));
                            if (m.getUUID("id") != null) {
                                cards.add(new Card(m.getUUID("id"), m.getString("type"), m.getString("title"), m.getString("summary"),
                                        m.getString("cover_url"), m.getString("author"), m.getString("category"), Db.strings(m, "tags"),
                                        new Card.Counts(orZero(m.getLong("views")), orZero(m.getLong("likes")),
                                                orZero(m.getLong("comments")), orZero(m.getLong("shares"))),
                                        Db.instant(m, "published_at"), false));
                            }
                        }
                        return new CollectionView(id, slug, c.getString("title"), c.getString("cover_url"), c.getString("description"),
                                c.getString("state"), cards, editor ? ids : null, Db.instant(c, "created_at"),
                                Db.instant(c, "updated_at"), c.getLong("version"));
                    });
        });
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }
}
