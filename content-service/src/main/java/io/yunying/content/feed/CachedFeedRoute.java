package io.yunying.content.feed;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.yunying.content.support.ContentConfig;
import io.yunying.platform.http.CachedAnswers;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.CacheControl;

/**
 * The hot path of {@code GET /api/content/feeds/{key}}: a page this replica holds rendered, asked for by a caller
 * {@link FeedResource#page} admits, is written straight from the cached bytes, before the REST layer. Every app
 * opening its home screen asks for the same first page with the same token, so that is most feed traffic.
 * <p>
 * Anything else falls through to {@link FeedResource}, which answers exactly as it always has: pages to render,
 * 401 and 403, invalid cursors and limits, 404 and 410 (see {@link CachedAnswers}).
 */
@Singleton
public class CachedFeedRoute {

    static final String PATH = "/api/content/feeds/:key";

    private final FeedService feeds;
    private final CachedAnswers answers;

    public CachedFeedRoute(FeedService feeds, IdentityProviderManager identities, ContentConfig config) {
        this.feeds = feeds;
        CacheControl cc = new CacheControl();
        cc.setMaxAge(config.feed().maxAgeSeconds());
        cc.setPrivate(false);
        // formatted as the REST layer formats FeedResource's, once
        this.answers = new CachedAnswers(identities, pageMethod(), cc.toString());
    }

    private static java.lang.reflect.Method pageMethod() {
        try {
            return FeedResource.class.getMethod("page", String.class, String.class, Integer.class, String.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("FeedResource#page changed its signature; CachedFeedRoute follows its roles", e);
        }
    }

    void install(@Observes Router router) {
        router.get(PATH).order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::serve);
    }

    private void serve(RoutingContext rc) {
        FeedPageCache.Rendered page = feeds.cached(rc.pathParam("key"), rc.request().getParam("cursor"), rc.request().getParam("limit"));
        answers.serve(rc, page == null ? null : page.answer());
    }
}
