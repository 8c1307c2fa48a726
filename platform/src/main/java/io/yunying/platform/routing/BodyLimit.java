package io.yunying.platform.routing;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.yunying.platform.problem.Problems;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a body announced larger than {@code quarkus.http.limits.max-body-size} before any of it is
 * read, with a 413 problem (the HTTP layer's own refusal has no body).
 */
@Singleton
public class BodyLimit {

    private static final int AFTER_REQUEST_ID = 9_000;

    private final Problems problems;
    private final long maxBytes;

    public BodyLimit(Problems problems, @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize max) {
        this.problems = problems;
        this.maxBytes = max.asLongValue();
    }

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            String announced = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (announced != null && exceeds(announced)) {
                rc.response().putHeader(HttpHeaders.CONNECTION, "close");
                problems.write(rc, problems.forStatus(413,
                        "the request body is larger than the " + maxBytes + " bytes this service accepts", rc.request().path()));
                return;
            }
            rc.next();
        }, AFTER_REQUEST_ID);
    }

    private boolean exceeds(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > maxBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
