package io.yunying.platform.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import io.yunying.platform.problem.Problems;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * 401 when the caller is not (validly) signed in, 403 when signed in without the role. Both are
 * problem+json; the 401 carries the Bearer challenge.
 */
public class SecurityProblemMappers {

    private final Problems problems;

    public SecurityProblemMappers(Problems problems) {
        this.problems = problems;
    }

    @ServerExceptionMapper(priority = 1)
    public Response unauthenticated(UnauthorizedException e, HttpServerRequest request) {
        return challenge(request);
    }

    @ServerExceptionMapper(priority = 1)
    public Response badToken(AuthenticationFailedException e, HttpServerRequest request) {
        return challenge(request);
    }

    @ServerExceptionMapper(priority = 1)
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return problems.response(problems.forStatus(403, "your roles do not allow " + request.method() + " " + request.path(),
                request.path()));
    }

    private Response challenge(HttpServerRequest request) {
        return Response.fromResponse(problems.response(problems.forStatus(401,
                        "a valid bearer token is required", request.path())))
                .header("WWW-Authenticate", "Bearer realm=\"yunying\"")
                .build();
    }
}
