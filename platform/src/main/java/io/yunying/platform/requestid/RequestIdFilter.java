package io.yunying.platform.requestid;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.MDC;

/**
 * Gives every request an id before anything else runs: the caller's {@code X-Request-Id} when it is
 * well-formed, a new one otherwise. The id is written back onto the request (so a proxy forwards it),
 * into the logging context and onto the response.
 */
@Singleton
public class RequestIdFilter {

    private static final int RUN_FIRST = 10_000;

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            String id = RequestIds.acceptOrGenerate(rc.request().getHeader(RequestIds.HEADER));
            rc.request().headers().set(RequestIds.HEADER, id);
            // set when headers are written, so a proxied response carrying the same id does not repeat it
            rc.addHeadersEndHandler(v -> rc.response().headers().set(RequestIds.HEADER, id));
            MDC.put(RequestIds.MDC_KEY, id);
            rc.next();
        }, RUN_FIRST);
    }
}
