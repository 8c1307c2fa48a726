package io.yunying.gateway.edge;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.yunying.gateway.ratelimit.RateLimits;
import io.yunying.platform.problem.Problems;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The first check of every request to a service: the route table decides which roles may pass, the
 * bearer token says who is calling. 401 for a missing or bad token, 403 for a caller without the role,
 * 429 when the caller's bucket is empty. The service checks the same token again.
 */
@ApplicationScoped
public class EdgeGuard implements Handler<RoutingContext> {

    public static final String CALLER = "yunying.caller";
    private static final String ANONYMOUS = "anonymous";
    private static final String AUTHENTICATED = "authenticated";

    private final List<CompiledRule> rules;
    private final CallerTokens tokens;
    private final RateLimits limits;
    private final Problems problems;

    private record CompiledRule(PathPattern path, Set<String> methods, Set<String> roles, String rateClass) {
        boolean matches(String method, String requestPath) {
            return (methods.isEmpty() || methods.contains(method)) && path.matches(requestPath);
        }
    }

    public EdgeGuard(EdgeConfig config, CallerTokens tokens, RateLimits limits, Problems problems) {
        this.rules = config.rules().stream().map(r -> new CompiledRule(PathPattern.of(r.path()),
                Set.copyOf(r.methods().orElse(List.of()).stream().map(m -> m.toUpperCase(Locale.ROOT)).toList()),
                Set.copyOf(r.roles()), r.rateClass())).toList();
        this.tokens = tokens;
        this.limits = limits;
        this.problems = problems;
    }

    @Override
    public void handle(RoutingContext rc) {
        String method = rc.request().method().name();
        String path = rc.request().path();
        Optional<CompiledRule> rule = rules.stream().filter(r -> r.matches(method, path)).findFirst();
        if (rule.isEmpty()) {
            refuse(rc, 403, "no route rule lets " + method + " " + path + " through the gateway");
            return;
        }
        String authorization = rc.request().getHeader("Authorization");
        if (rule.get().roles().contains(ANONYMOUS) && authorization == null) {
            rc.next();
            return;
        }
        Optional<Caller> caller = tokens.verify(authorization);
        if (caller.isEmpty()) {
            rc.response().putHeader("WWW-Authenticate", "Bearer realm=\"yunying\"");
            refuse(rc, 401, authorization == null ? "a bearer token is required" : "the bearer token is not valid");
            return;
        }
        Caller who = caller.get();
        Set<String> allowed = rule.get().roles();
        boolean permitted = allowed.contains(ANONYMOUS) || allowed.contains(AUTHENTICATED)
                || who.roles().stream().anyMatch(allowed::contains);
        if (!permitted) {
            refuse(rc, 403, "your roles do not allow " + method + " " + path);
            return;
        }
        rc.put(CALLER, who);
        if (!limits.admit(rc, rule.get().rateClass(), who.subject())) {
            return;
        }
        rc.request().headers().set("Authorization", who.bearer());
        rc.next();
    }

    private void refuse(RoutingContext rc, int status, String detail) {
        problems.write(rc, problems.forStatus(status, detail, rc.request().path()));
    }
}
