package io.yunying.content.feed;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.yunying.content.support.ContentConfig;
import io.yunying.platform.http.CachedAnswers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.EntityTag;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A short-lived copy of rendered feed pages in this replica. Every app opening the home screen asks for
 * the same first page; for a second at most (the feed's own Cache-Control allows far more) they share one
 * rendering instead of each costing three queries, and requests arriving while it renders wait for it rather
 * than render it again. Local changes clear it at once; changes made by another replica show after the
 * time-to-live.
 */
@ApplicationScoped
public class FeedPageCache {

    /**
     * Rendered bytes and their ETag, computed once per rendering, as the answer {@link CachedFeedRoute} writes, so
     * serving a cached page copies and formats nothing.
     */
    public record Rendered(CachedAnswers.Answer answer, long expiresAtMillis) {

        static Rendered of(byte[] body, long expiresAtMillis) {
            return new Rendered(CachedAnswers.Answer.of(body), expiresAtMillis);
        }

        public byte[] body() {
            return answer.body();
        }

        public EntityTag tag() {
            return answer.tag();
        }
    }

    private static final int MAX_PAGES = 10_000;

    private final ConcurrentHashMap<String, Rendered> pages = new ConcurrentHashMap<>();
    /** Renderings under way: requests for the same page meanwhile wait for that one instead of rendering it again. */
    private final ConcurrentHashMap<String, Uni<Rendered>> rendering = new ConcurrentHashMap<>();
    /** Counts changes, so a rendering that started before one is served but not kept. */
    private final AtomicLong changes = new AtomicLong();
    private final long ttlMillis;
    private final Clock clock;

    public FeedPageCache(ContentConfig config, Clock clock) {
        this.ttlMillis = config.feed().cacheTtl().toMillis();
        this.clock = clock;
    }

    public Uni<Rendered> get(String key, Supplier<Uni<byte[]>> render) {
        Rendered cached = fresh(key, clock.millis());
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        if (ttlMillis <= 0) {
            return render.get().map(body -> Rendered.of(body, 0));
        }
        Uni<Rendered> shared = rendering.computeIfAbsent(key, k -> renderAndKeep(k, render));
        Context caller = Vertx.currentContext();
        // a waiter continues on its own request's context, not on the one whose rendering it shares
        return caller == null ? shared : shared.emitOn(task -> caller.runOnContext(v -> task.run()));
    }

    private Uni<Rendered> renderAndKeep(String key, Supplier<Uni<byte[]>> render) {
        long generation = changes.get();
        AtomicReference<Uni<Rendered>> self = new AtomicReference<>();
        Uni<Rendered> shared = render.get().map(body -> {
            // the time-to-live counts from when the page was read, so a slow rendering is still reused for its full time
            Rendered fresh = Rendered.of(body, clock.millis() + ttlMillis);
            if (changes.get() == generation) {
                if (pages.size() >= MAX_PAGES) {
                    // deep cursors are many and rarely repeated; starting over is cheaper than tracking recency
                    pages.clear();
                }
                pages.put(key, fresh);
            }
            return fresh;
        }).onTermination().invoke(() -> rendering.remove(key, self.get())).memoize().indefinitely();
        self.set(shared);
        return shared;
    }

    /** The page when this replica holds a fresh rendering of it, without rendering one; otherwise null. */
    public Rendered peek(String key) {
        return fresh(key, clock.millis());
    }

    private Rendered fresh(String key, long now) {
        Rendered cached = pages.get(key);
        return cached != null && cached.expiresAtMillis() > now ? cached : null;
    }

    void onChange(@Observes FeedChanged change) {
        changes.incrementAndGet();
        rendering.clear();
        pages.clear();
    }
}
