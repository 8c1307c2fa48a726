package io.yunying.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yunying.platform.requestid.RequestIds;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

/**
 * Builds problem documents and writes them, either as a JAX-RS response or straight onto a Vert.x
 * routing context (for what fails before a resource is reached: unknown routes, oversized bodies,
 * a service the gateway cannot reach).
 */
@Singleton
public class Problems {

    private final ObjectMapper json;

    public Problems(ObjectMapper json) {
        this.json = json;
    }

    public Problem of(int status, String slug, String title, String detail, String instance) {
        return new Problem(Problem.typeUri(slug), title, status, detail, instance, RequestIds.current(), List.of(), Map.of());
    }

    /** A problem whose type and title follow from the status alone (404 for an unknown route, 503...). */
    public Problem forStatus(int status, String detail, String instance) {
        return of(status, slugOf(status), titleOf(status), detail, instance);
    }

    public Problem invalid(List<Problem.FieldError> errors, String instance) {
        String detail = errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid";
        return new Problem(Problem.typeUri("validation"), "Invalid request", 400, detail, instance, RequestIds.current(), errors, Map.of());
    }

    public Problem of(ProblemException e, String instance) {
        return new Problem(Problem.typeUri(e.slug()), e.title(), e.status(), e.getMessage(), instance,
                RequestIds.current(), e.errors(), e.properties());
    }

    public Response response(Problem problem) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(serialize(problem))
                .build();
    }

    public void write(RoutingContext rc, Problem problem) {
        if (rc.response().headWritten()) {
            rc.response().end();
            return;
        }
        rc.response()
                .setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(serialize(problem));
    }

    public String serialize(Problem problem) {
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem document could not be serialised", e);
        }
    }

    private static String titleOf(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        if (known != null) {
            return known.getReasonPhrase();
        }
        return status == 422 ? "Unprocessable Content" : status == 429 ? "Too Many Requests" : "HTTP " + status;
    }

    private static String slugOf(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> "conflict";
            case 412 -> "stale-version";
            case 413 -> "body-too-large";
            case 415 -> "unsupported-media-type";
            case 429 -> "rate-limited";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal" : "http-" + status;
        };
    }
}
