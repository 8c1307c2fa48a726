package io.yunying.content.pipeline;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.yunying.content.support.ContentConfig;
import io.yunying.content.feed.FeedChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import java.time.Instant;
import java.util.UUID;

import static io.yunying.content.support.Db.args;

/**
 * The copy of an item that apps read, kept in {@code published_content}. Going live copies the working
 * copy (and writes {@code content.published} to the outbox); leaving removes it (and writes
 * {@code content.unpublished}). Both are set-wise so the scheduler moves thousands of items per statement.
 */
@ApplicationScoped
public class LiveCopy {

    private static final String GO_LIVE = """
            insert into published_content (id, revision, type, source, title, summary, body, cover_url, media_urls,
                author, category, tags, locale, published_at, score, search_text)
            select i.id, i.revision, i.type, i.source, i.title, i.summary, i.body, i.cover_url, i.media_urls,
                   i.author, i.category, i.tags, i.locale, i.published_at, $2,
                   lower(i.title || ' ' || coalesce(i.summary, '') || ' ' || regexp_replace(i.body, '<[^>]*>', ' ', 'g'))
            from content_item i where i.id = any($1::uuid[])
            on conflict (id) do update set revision = excluded.revision, type = excluded.type, title = excluded.title,
                summary = excluded.summary, body = excluded.body, cover_url = excluded.cover_url,
                media_urls = excluded.media_urls, category = excluded.category, tags = excluded.tags,
                locale = excluded.locale, search_text = excluded.search_text""";

    private static final String PUBLISHED_EVENTS = """
            insert into outbox_event (id, type, occurred_at, source, data)
            select gen_random_uuid(), 'content.published', $2, 'content-service',
                   jsonb_build_object('id', p.id, 'revision', p.revision, 'type', p.type, 'source', p.source,
                                      'title', p.title, 'author', p.author, 'category', p.category,
                                      'tags', to_jsonb(p.tags), 'publishedAt', p.published_at)
            from published_content p where p.id = any($1::uuid[])""";

    private static final String TAKE_OFF = """
            with gone as (delete from published_content where id = any($1::uuid[]) returning id, title)
            insert into outbox_event (id, type, occurred_at, source, data)
            select gen_random_uuid(), 'content.unpublished', $2, 'content-service',
                   jsonb_build_object('id', gone.id, 'title', gone.title, 'state', $3::text, 'reason', $4::text)
            from gone""";

    private final double freshScore;

    private final Event<FeedChanged> changed;

    public LiveCopy(ContentConfig config, Event<FeedChanged> changed) {
        this.changed = changed;
        // a new item ranks as one with a single point at age zero, until the next ranking run
        this.freshScore = 1 / Math.pow(2, config.ranking().gravity());
    }

    public Uni<Void> goLive(SqlClient db, UUID[] ids, Instant now) {
        return db.preparedQuery(GO_LIVE).execute(args(ids, freshScore))
                .chain(() -> db.preparedQuery(PUBLISHED_EVENTS).execute(args(ids, now)))
                .invoke(() -> changed.fire(new FeedChanged("items went live")))
                .replaceWithVoid();
    }

    public Uni<Void> takeOff(SqlClient db, UUID[] ids, Instant now, ContentState state, String reason) {
        return db.preparedQuery(TAKE_OFF).execute(args(ids, now, state.name(), reason))
                .invoke(() -> changed.fire(new FeedChanged("items left")))
                .replaceWithVoid();
    }
}
