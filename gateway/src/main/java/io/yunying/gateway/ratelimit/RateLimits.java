package io.yunying.gateway.ratelimit;

import io.vertx.ext.web.RoutingContext;
import io.yunying.platform.problem.Problems;
import jakarta.enterprise.context.ApplicationScoped;

/** Applies a token bucket to a request: rate-limit headers always, a 429 problem when it is empty. */
@ApplicationScoped
public class RateLimits {

    private final TokenBuckets buckets;
    private final Problems problems;

    public RateLimits(TokenBuckets buckets, Problems problems) {
        this.buckets = buckets;
        this.problems = problems;
    }

    /** True when the request may go on; otherwise the 429 answer has been written. */
    public boolean admit(RoutingContext rc, String rateClass, String caller) {
        TokenBuckets.Verdict verdict = buckets.take(rateClass, caller);
        if (verdict.limit() < 0) {
            return true;
        }
        rc.response().putHeader("RateLimit-Limit", Integer.toString(verdict.limit()))
                .putHeader("RateLimit-Remaining", Integer.toString(verdict.remaining()))
                .putHeader("RateLimit-Reset", Long.toString(verdict.resetSeconds()));
        if (verdict.allowed()) {
            return true;
        }
        rc.response().putHeader("Retry-After", Long.toString(verdict.retryAfterSeconds()));
        problems.write(rc, problems.forStatus(429, "too many requests (" + rateClass + "); retry after "
                + verdict.retryAfterSeconds() + " s", rc.request().path()));
        return false;
    }
}
