package io.yunying.community.support;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/** A 429 with Retry-After; the platform's mapper turns it into a problem and keeps the header. */
public final class RateLimited {

    private RateLimited() {
    }

    /** Whole seconds from now until a moment, rounded up and at least 1: a client that waits that long gets through. */
    public static long secondsUntil(java.time.Instant now, java.time.Instant allowedAt) {
        long millis = java.time.Duration.between(now, allowedAt).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    public static WebApplicationException of(String detail, long retryAfterSeconds) {
        return new WebApplicationException(detail, Response.status(429).header("Retry-After", retryAfterSeconds).build());
    }
}
