package io.yunying.content.feed;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.yunying.content.support.ContentConfig;
import io.yunying.content.support.Etags;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.CacheControl;

/**
 * The hot path of {@code GET /api/content/feeds/{key}}: a page this replica holds rendered, asked for by a caller
 * {@link FeedResource#page} admits, is written straight from the cached bytes, before the REST layer. Every app
 * opening its home screen asks for the same first page with the same token, so that is most feed traffic, and
 * the REST layer's dispatch, security interceptors and response building cost more than the page itself.
 * <p>
 * Anything else falls through to {@link FeedResource}, which answers exactly as it always has: pages to render,
 * 401 and 403, invalid cursors and limits, 404 and 410. This route only ever answers 200 or 304, with the same
 * headers. It runs after the platform's filters, so the request id, body limit and authentication are as for
 * every other request; the caller's identity is the one the REST layer would see (and it is verified once).
 */
@Singleton
public class CachedFeedRoute {

    static final String PATH = "/api/content/feeds/:key";
    private static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");

    private final FeedService feeds;
    private final IdentityProviderManager identities;
    private final CharSequence cacheControl;
    private final String[] roles;

    public CachedFeedRoute(FeedService feeds, IdentityProviderManager identities, ContentConfig config) {
        this.feeds = feeds;
        this.identities = identities;
        CacheControl cc = new CacheControl();
        cc.setMaxAge(config.feed().maxAgeSeconds());
        cc.setPrivate(false);
        // formatted as the REST layer formats FeedResource's, once
        this.cacheControl = HttpHeaders.createOptimized(cc.toString());
        this.roles = readerRoles();
    }

    /** Who may read a feed: whoever {@link FeedResource#page} allows, so the two paths cannot disagree. */
    private static String[] readerRoles() {
        try {
            return FeedResource.class.getMethod("page", String.class, String.class, Integer.class, String.class)
                    .getAnnotation(RolesAllowed.class).value();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("FeedResource#page changed its signature; CachedFeedRoute reads its roles", e);
        }
    }

    void install(@Observes Router router) {
        router.get(PATH).order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::serve);
    }

    private void serve(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        FeedPageCache.Rendered page = feeds.cached(rc.pathParam("key"), request.getParam("cursor"), request.getParam("limit"));
        if (page == null || !acceptsJson(request.getHeader(HttpHeaders.ACCEPT))) {
            rc.next();
            return;
        }
        QuarkusHttpUser.getSecurityIdentity(rc, identities).subscribe().with(
                identity -> {
                    if (admitted(identity)) {
                        write(rc, page);
                    } else {
                        rc.next();
                    }
                },
                // a token that fails verification: the REST layer answers the 401
                failure -> rc.next());
    }

    /** Whether the page suits the Accept header; the REST layer negotiates (406) when it is anything unusual. */
    private static boolean acceptsJson(String accept) {
        return accept == null || accept.contains("application/json") || accept.contains("*/*") || accept.contains("application/*");
    }

    private boolean admitted(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return false;
        }
        for (String role : roles) {
            if (identity.hasRole(role)) {
                return true;
            }
        }
        return false;
    }

    private void write(RoutingContext rc, FeedPageCache.Rendered page) {
        HttpServerResponse response = rc.response();
        MultiMap headers = response.headers();
        headers.set(HttpHeaders.CACHE_CONTROL, cacheControl);
        headers.set(HttpHeaders.ETAG, page.etag());
        if (Etags.matches(rc.request().getHeader(HttpHeaders.IF_NONE_MATCH), page.tag())) {
            response.setStatusCode(304).end();
            return;
        }
        headers.set(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON);
        response.end(page.buffer());
    }
}
