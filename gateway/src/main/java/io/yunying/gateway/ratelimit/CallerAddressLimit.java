package io.yunying.gateway.ratelimit;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import java.util.Set;

/**
 * Limits every API request by the caller's address before anything else is done for it. Sign-in and
 * token endpoints get a much smaller bucket: each attempt costs a slow password hash.
 */
@Singleton
public class CallerAddressLimit {

    private static final int AFTER_BODY_LIMIT = 8_000;
    private static final Set<String> CREDENTIAL_PATHS = Set.of("/api/auth/sign-in", "/api/auth/refresh", "/api/auth/service-tokens");

    private final RateLimits limits;

    public CallerAddressLimit(RateLimits limits) {
        this.limits = limits;
    }

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            String path = rc.request().path();
            if (!path.startsWith("/api/")) {
                rc.next();
                return;
            }
            String address = rc.request().remoteAddress() == null ? "unknown" : rc.request().remoteAddress().host();
            String rateClass = CREDENTIAL_PATHS.contains(path) ? "sign-in" : "address";
            if (limits.admit(rc, rateClass, address)) {
                rc.next();
            }
        }, AFTER_BODY_LIMIT);
    }
}
