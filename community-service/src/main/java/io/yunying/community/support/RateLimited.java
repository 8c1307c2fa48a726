package io.yunying.community.support;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/** A 429 with Retry-After; the platform's mapper turns it into a problem and keeps the header. */
public final class RateLimited {

    private RateLimited() {
    }

    public static WebApplicationException of(String detail, long retryAfterSeconds) {
        return new WebApplicationException(detail, Response.status(429).header("Retry-After", retryAfterSeconds).build());
    }
}
