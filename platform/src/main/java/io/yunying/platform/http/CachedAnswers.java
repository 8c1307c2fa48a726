package io.yunying.platform.http;

import io.netty.buffer.Unpooled;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.core.EntityTag;

import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Writes an answer a service already holds as bytes (a cached feed page, a trending list) straight from a Vert.x
 * route, ahead of the REST layer: the most-read endpoints of an app answer the same bytes to every caller, and the
 * REST layer's dispatch, security interceptors and response building cost more than the answer itself.
 * <p>
 * It answers only 200 or 304, only to a caller the REST resource method would admit (its {@code @RolesAllowed},
 * read from the method so the two paths cannot disagree), and only for a JSON {@code Accept}. Anything else is
 * handed on ({@code rc.next()}) to the resource, which gives 401, 403, 406 and every problem answer as always. The
 * route runs after the platform's filters, so request ids, body limits and token verification are as for every
 * other request.
 */
public final class CachedAnswers {

    private static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");

    /** An answer ready to write: the bytes wrapped once, with their ETag quoted once. */
    public record Answer(byte[] body, EntityTag tag, Buffer buffer, CharSequence etag) {

        public static Answer of(byte[] body) {
            EntityTag tag = Etags.of(body);
            // the same bytes, not a copy; each response writes its own view of them, and none may release them
            Buffer buffer = Buffer.buffer(Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(body)));
            return new Answer(body, tag, buffer, HttpHeaders.createOptimized('"' + tag.getValue() + '"'));
        }
    }

    private final IdentityProviderManager identities;
    private final String[] roles;
    private final CharSequence cacheControl;

    /**
     * @param resource     the REST resource method that answers the same request; its roles are the route's
     * @param cacheControl the Cache-Control value the resource method sends, formatted once
     */
    public CachedAnswers(IdentityProviderManager identities, Method resource, String cacheControl) {
        RolesAllowed allowed = resource.getAnnotation(RolesAllowed.class);
        if (allowed == null) {
            throw new IllegalArgumentException(resource + " has no @RolesAllowed for the cached route to follow");
        }
        this.identities = identities;
        this.roles = Arrays.copyOf(allowed.value(), allowed.value().length);
        this.cacheControl = HttpHeaders.createOptimized(cacheControl);
    }

    /** Writes the answer for an admitted caller, or hands the request on when there is none or it is not for us. */
    public void serve(RoutingContext rc, Answer answer) {
        if (answer == null || !acceptsJson(rc.request().getHeader(HttpHeaders.ACCEPT))) {
            rc.next();
            return;
        }
        QuarkusHttpUser.getSecurityIdentity(rc, identities).subscribe().with(
                identity -> {
                    if (admitted(identity)) {
                        write(rc, answer);
                    } else {
                        rc.next();
                    }
                },
                // a token that fails verification: the REST layer answers the 401
                failure -> rc.next());
    }

    /** Whether the answer suits the Accept header; the REST layer negotiates (406) when it is anything unusual. */
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

    private void write(RoutingContext rc, Answer answer) {
        HttpServerResponse response = rc.response();
        MultiMap headers = response.headers();
        headers.set(HttpHeaders.CACHE_CONTROL, cacheControl);
        headers.set(HttpHeaders.ETAG, answer.etag());
        if (Etags.matches(rc.request().getHeader(HttpHeaders.IF_NONE_MATCH), answer.tag())) {
            response.setStatusCode(304).end();
            return;
        }
        headers.set(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON);
        response.end(answer.buffer());
    }
}
