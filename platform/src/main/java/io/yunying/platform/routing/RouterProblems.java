package io.yunying.platform.routing;

import io.yunying.platform.problem.Problems;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Answers in problem+json for what fails before any resource runs: a route nobody serves, a body over
 * the configured limit, a failure inside the HTTP layer itself.
 */
@Singleton
public class RouterProblems {

    private static final Logger LOG = Logger.getLogger(RouterProblems.class);

    private final Problems problems;

    public RouterProblems(Problems problems) {
        this.problems = problems;
    }

    void install(@Observes Router router) {
        router.errorHandler(404, rc -> problems.write(rc,
                problems.forStatus(404, "no resource at " + rc.request().path(), rc.request().path())));
        router.errorHandler(405, rc -> problems.write(rc,
                problems.forStatus(405, rc.request().method() + " is not allowed on " + rc.request().path(), rc.request().path())));
        router.errorHandler(413, rc -> problems.write(rc,
                problems.forStatus(413, "the request body is larger than this service accepts", rc.request().path())));
        router.errorHandler(500, this::internal);
    }

    private void internal(RoutingContext rc) {
        if (rc.failure() != null) {
            LOG.errorf(rc.failure(), "request %s %s failed", rc.request().method(), rc.request().path());
        }
        problems.write(rc, problems.forStatus(500,
                "the request could not be completed; quote the request id when reporting it", rc.request().path()));
    }
}
