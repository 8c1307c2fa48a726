package io.yunying.gateway.edge;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.yunying.gateway.routing.GatewayRoutes;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One line per request (method, path, status, latency, caller, request id) and a timer per route, so
 * an operator sees which service is slow or failing without reading service logs.
 */
@Singleton
public class AccessLog {

    private static final Logger LOG = Logger.getLogger("io.yunying.gateway.access");
    private static final int AFTER_REQUEST_ID = 9_500;

    private final MeterRegistry registry;
    private final Map<String, GatewayRoutes.Route> routes;

    public AccessLog(MeterRegistry registry, GatewayRoutes routes) {
        this.registry = registry;
        this.routes = routes.services();
    }

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            long start = System.nanoTime();
            String path = rc.request().path();
            if (path.startsWith("/q/")) {
                rc.next();
                return;
            }
            rc.addEndHandler(done -> {
                long nanos = System.nanoTime() - start;
                int status = rc.response().getStatusCode();
                Caller caller = rc.get(EdgeGuard.CALLER);
                String route = routeOf(path);
                LOG.infof("%s %s %d %.1f ms user=%s route=%s req=%s", rc.request().method(), path, status, nanos / 1e6,
                        caller == null ? "-" : caller.name(), route, rc.request().getHeader("X-Request-Id"));
                Timer.builder("gateway.requests")
                        .description("Requests through the gateway by route")
                        .tag("route", route)
                        .tag("method", rc.request().method().name())
                        .tag("status", Integer.toString(status))
                        .register(registry)
                        .record(nanos, TimeUnit.NANOSECONDS);
            });
            rc.next();
        }, AFTER_REQUEST_ID);
    }

    private String routeOf(String path) {
        for (Map.Entry<String, GatewayRoutes.Route> e : routes.entrySet()) {
            String prefix = e.getValue().prefix();
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return e.getKey();
            }
        }
        return "gateway";
    }
}
