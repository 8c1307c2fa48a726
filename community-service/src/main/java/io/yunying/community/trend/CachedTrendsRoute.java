package io.yunying.community.trend;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.yunying.platform.http.CachedAnswers;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * The hot path of the public trending list ({@code GET /api/community/trends}): every app polls it, and the answer
 * is this replica's snapshot, already serialised. It is written ahead of the REST layer so that, while signals
 * pour in, serving the list takes as little of the machine as it can. Whatever the snapshot cannot answer (the
 * first request, a bad window or limit, a caller the resource refuses) goes on to {@link TrendResource#list}.
 */
@Singleton
public class CachedTrendsRoute {

    private final TrendingService trending;
    private final CachedAnswers answers;

    public CachedTrendsRoute(TrendingService trending, IdentityProviderManager identities, TrendConfig config) {
        this.trending = trending;
        this.answers = new CachedAnswers(identities, listMethod(), TrendResource.cacheControl(config).toString());
    }

    private static java.lang.reflect.Method listMethod() {
        try {
            return TrendResource.class.getMethod("list", String.class, Integer.class, String.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("TrendResource#list changed its signature; CachedTrendsRoute follows its roles", e);
        }
    }

    void install(@Observes Router router) {
        router.get("/api/community/trends").order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::serve);
    }

    private void serve(RoutingContext rc) {
        answers.serve(rc, trending.snapshotList(rc.request().getParam("window"), rc.request().getParam("limit")));
    }
}
