package io.yunying.content.feed;

import io.smallrye.mutiny.Uni;
import io.yunying.content.support.ContentConfig;
import io.yunying.content.support.Etags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.EntityTag;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A short-lived copy of rendered feed pages in this replica. Every app opening the home screen asks for
 * the same first page; for a second at most (the feed's own Cache-Control allows far more) they share one
 * rendering instead of each costing three queries. Local changes clear it at once; changes made by another
 * replica show after the time-to-live.
 */
@ApplicationScoped
public class FeedPageCache {

    /** Rendered bytes and their ETag, computed once per rendering. */
    public record Rendered(byte[] body, EntityTag tag, long expiresAtMillis) {
    }

    private static final int MAX_PAGES = 10_000;

    private final ConcurrentHashMap<String, Rendered> pages = new ConcurrentHashMap<>();
    private final long ttlMillis;
    private final Clock clock;

    public FeedPageCache(ContentConfig config, Clock clock) {
        this.ttlMillis = config.feed().cacheTtl().toMillis();
        this.clock = clock;
    }

    public Uni<Rendered> get(String key, Supplier<Uni<byte[]>> render) {
        long now = clock.millis();
        Rendered cached = pages.get(key);
        if (cached != null && cached.expiresAtMillis() > now) {
            return Uni.createFrom().item(cached);
        }
        return render.get().map(body -> {
            Rendered fresh = new Rendered(body, Etags.of(body), now + ttlMillis);
            if (ttlMillis > 0) {
                if (pages.size() >= MAX_PAGES) {
                    // deep cursors are many and rarely repeated; starting over is cheaper than tracking recency
                    pages.clear();
                }
                pages.put(key, fresh);
            }
            return fresh;
        });
    }

    void onChange(@Observes FeedChanged change) {
        pages.clear();
    }
}
