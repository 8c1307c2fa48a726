package io.yunying.content.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.yunying.content.support.ContentConfig;
import io.yunying.content.support.Cursors;
import io.yunying.content.support.Db;
import io.yunying.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Curated feeds: filters (category, tag, type, 专题 collection) over published content. The first page starts with the pinned slots active now; the rest is published content by
 * its engagement score (recomputed in batches by {@link Ranking}), paged by the keyset
 * {@code (score, publishedAt, id)} so a deep page costs what the first one does and new publishes cannot
 * shift pages a client is walking.
 */
@ApplicationScoped
public class FeedService {

    private static final String CATEGORY_FEED = "category:";
    private static final String COLLECTION_FEED = "collection:";

    private final Pool pool;
    private final FeedRepository feeds;
    private final ContentConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    private final FeedPageCache cache;
    private final Event<FeedChanged> changed;

    public FeedService(Pool pool, FeedRepository feeds, ContentConfig config, ObjectMapper json, Clock clock,
                       FeedPageCache cache, Event<FeedChanged> changed) {
        this.pool = pool;
        this.feeds = feeds;
        this.config = config;
        this.json = json;
        this.clock = clock;
        this.cache = cache;
        this.changed = changed;
    }

    /** A feed's definition; {@code category:<slug>} feeds exist implicitly for every category. */
    public Uni<FeedDefinition> definition(String key) {
        return definition(key, true);
    }

    private Uni<FeedDefinition> definition(String key, boolean withPins) {
        return (withPins ? feeds.find(pool, key) : feeds.findWithoutPins(pool, key)).chain(found -> {
            if (found != null) {
                return Uni.createFrom().item(found);
            }
            if (key.startsWith(CATEGORY_FEED)) {
                String slug = key.substring(CATEGORY_FEED.length());
                return pool.preparedQuery("select name from category where slug = $1").execute(Db.args(slug))
                        .map(rows -> rows.size() == 0 ? null
                                : new FeedDefinition(key, rows.iterator().next().getString("name"), slug, null, null, null, List.of(), 0));
            }
            if (key.startsWith(COLLECTION_FEED)) {
                String slug = key.substring(COLLECTION_FEED.length());
                return pool.preparedQuery("select title from collection where slug = $1 and state = 'PUBLISHED'").execute(Db.args(slug))
                        .map(rows -> rows.size() == 0 ? null
                                : new FeedDefinition(key, rows.iterator().next().getString("title"), null, null, null, slug, List.of(), 0));
            }
            return Uni.createFrom().nullItem();
        }).onItem().ifNull().failWith(() -> ProblemException.notFound("feed", key));
    }

    public Uni<FeedDefinition> define(String key, FeedDefinition.Request request) {
        return exists("category", request.category())
                .chain(() -> exists("collection", request.collection()))
                .chain(() -> pool.withTransaction(db -> feeds.upsert(db, key, request, clock.instant())))
                .invoke(() -> changed.fire(new FeedChanged("feed " + key + " defined")))
                .chain(() -> definition(key));
    }

    /** Fails with a 400 naming the field when a filter refers to a category or collection that does not exist. */
    private Uni<Void> exists(String table, String slug) {
        if (slug == null) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("select 1 from " + table + " where slug = $1").execute(Db.args(slug))
                .chain(rows -> rows.size() > 0 ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(ProblemException.invalid(table, "no " + table + " " + slug + " exists")));
    }

    public Uni<FeedDefinition> pin(String key, List<FeedDefinition.Pin> pins) {
        Set<Integer> positions = new HashSet<>();
        for (int i = 0; i < pins.size(); i++) {
            FeedDefinition.Pin p = pins.get(i);
            if (!positions.add(p.position())) {
                throw ProblemException.invalid("pins[" + i + "].position", "position " + p.position() + " is used twice");
            }
            if (p.startsAt() != null && p.endsAt() != null && !p.endsAt().isAfter(p.startsAt())) {
                throw ProblemException.invalid("pins[" + i + "].endsAt", "must be after startsAt");
            }
        }
        UUID[] ids = pins.stream().map(FeedDefinition.Pin::itemId).distinct().toArray(UUID[]::new);
        return pool.withTransaction(db -> feeds.find(db, key).chain(feed -> {
            if (feed == null) {
                return Uni.createFrom().failure(ProblemException.notFound("feed", key));
            }
            return feeds.countExisting(db, ids).chain(found -> found < ids.length
                    ? Uni.createFrom().failure(ProblemException.invalid("pins", "every pinned item must exist"))
                    : feeds.replacePins(db, key, pins, clock.instant()));
        })).invoke(() -> changed.fire(new FeedChanged("pins of " + key))).chain(() -> definition(key));
    }

    /** The page as the exact JSON bytes served, so its ETag is a hash of what the client holds. */
    public Uni<FeedPageCache.Rendered> page(String key, String cursor, Integer limit) {
        int size = Cursors.limit(limit, config.feed().defaultLimit(), config.feed().maxLimit());
        Keyset after = Keyset.parse(cursor);
        return cache.get(cacheKey(key, size, cursor), () -> render(key, after, size));
    }

    /**
     * The page this replica holds freshly rendered, for a request exactly as a client sends it (the limit as
     * written, absent or in range); null when it would have to be rendered or the request is not a plain one.
     * Only pages rendered by {@link #page} are held, so a cursor found here is one that parsed.
     */
    public FeedPageCache.Rendered cached(String key, String cursor, String limit) {
        int size;
        if (limit == null) {
            size = config.feed().defaultLimit();
        } else {
            size = plainNumber(limit);
            if (size < 1 || size > config.feed().maxLimit()) {
                return null;
            }
        }
        if (cursor != null && cursor.isEmpty()) {
            // not the first page: an empty cursor is refused by the full path
            return null;
        }
        return cache.peek(cacheKey(key, size, cursor));
    }

    private static String cacheKey(String key, int size, String cursor) {
        return key + '|' + size + '|' + (cursor == null ? "" : cursor);
    }

    /** Up to three decimal digits as a number; anything else -1. */
    private static int plainNumber(String text) {
        if (text.isEmpty() || text.length() > 3) {
            return -1;
        }
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private Uni<byte[]> render(String key, Keyset after, int size) {
        return feeds.generation(pool).chain(current -> render(key, after, size, current, true));
    }

    /**
     * One page in one ranking generation: a first page in the current one, a later page in the generation its
     * cursor names while that is the current or the previous one (older cursors are 410: start again at the top).
     * When a ranking run commits while the page is read, it is read again in the new state, once.
     */
    private Uni<byte[]> render(String key, Keyset after, int size, long current, boolean retry) {
        long generation = after == null || after.generation == null ? current : after.generation;
        if (generation != current && generation != current - 1) {
            return Uni.createFrom().failure(new ProblemException(410, "feed-cursor-expired", "Feed cursor expired",
                    "the ranking this cursor walks has been recomputed twice since; load the feed from the top",
                    List.of(), Map.of("generation", generation, "currentGeneration", current)));
        }
        boolean previous = generation != current;
        Instant now = clock.instant();
        return definition(key, false).chain(feed -> feeds.activePins(pool, key, now).chain(pinRows -> {
            List<Card> cards = new ArrayList<>(size);
            if (after == null) {
                for (Row r : pinRows) {
                    if (cards.size() < size) {
                        cards.add(Card.from(r, true));
                    }
                }
            }
            UUID[] pinned = pinRows.stream().map(r -> r.getUUID("id")).toArray(UUID[]::new);
            int wanted = size - cards.size();
            if (wanted == 0) {
                // pins filled the page: the next one starts at the top of the ranking
                return Uni.createFrom().item(serialize(new FeedPage(key, feed.title(), cards, Cursors.encode(generation, null, null, null))));
            }
            FeedRepository.Filter filter = new FeedRepository.Filter(feed.category(), feed.tag(), feed.type(), feed.collection());
            return feeds.ranked(pool, filter, current, previous, after == null ? null : after.score,
                    after == null ? null : after.publishedAt, after == null ? null : after.id, pinned, wanted + 1).chain(rows -> {
                if (rows.size() <= wanted && retry) {
                    // a short page is the end of the feed, or a ranking run committed in between: check which
                    return feeds.generation(pool).chain(now2 -> now2 == current
                            ? Uni.createFrom().item(page(key, feed.title(), cards, rows, wanted, generation))
                            : render(key, after, size, now2, false));
                }
                return Uni.createFrom().item(page(key, feed.title(), cards, rows, wanted, generation));
            });
        }));
    }

    private byte[] page(String key, String title, List<Card> cards, List<Row> rows, int wanted, long generation) {
        boolean more = rows.size() > wanted;
        Row last = null;
        for (int i = 0; i < Math.min(wanted, rows.size()); i++) {
            last = rows.get(i);
            cards.add(Card.from(last, false));
        }
        String next = more ? Cursors.encode(generation, last.getDouble("rank_score"), Db.instant(last, "published_at"), last.getUUID("id")) : null;
        return serialize(new FeedPage(key, title, cards, next));
    }

    private byte[] serialize(FeedPage page) {
        try {
            return json.writeValueAsBytes(page);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a feed page could not be serialised", e);
        }
    }

    /**
     * Where the ranked part resumes, in which ranking generation; a cursor without a score means "from the top, pins
     * already shown". Cursors issued before generations existed (three parts) resume in the current ranking.
     */
    private record Keyset(Long generation, Double score, Instant publishedAt, UUID id) {

        static Keyset parse(String cursor) {
            if (cursor == null) {
                return null;
            }
            JsonArray key;
            try {
                key = Cursors.decode(cursor, 4);
            } catch (ProblemException fourParts) {
                key = new JsonArray().add(null).addAll(Cursors.decode(cursor, 3));
            }
            try {
                Long generation = key.getValue(0) == null ? null : Long.parseLong(key.getString(0));
                if (key.getValue(1) == null) {
                    return new Keyset(generation, null, null, null);
                }
                return new Keyset(generation, Double.parseDouble(key.getString(1)), Instant.parse(key.getString(2)),
                        UUID.fromString(key.getString(3)));
            } catch (RuntimeException e) {
                throw ProblemException.invalid("cursor", "not a cursor this endpoint issued");
            }
        }
    }
}
