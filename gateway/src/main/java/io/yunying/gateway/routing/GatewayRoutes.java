package io.yunying.gateway.routing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** The route table: which path prefix goes to which service, and how long the gateway waits for it. */
@ConfigMapping(prefix = "yunying.gateway.routes")
public interface GatewayRoutes {

    /** Route by service name. */
    @WithParentName
    Map<String, Route> services();

    interface Route {

        /** Requests whose path starts with this prefix go to this service, path unchanged. */
        String prefix();

        /** Where the service listens. */
        URI url();

        /** A service that does not accept a connection within this time is treated as down. */
        @WithDefault("1s")
        Duration connectTimeout();

        /** A service that sends nothing for this long has its request answered with 504. */
        @WithDefault("30s")
        Duration idleTimeout();

        /** Connection failures in a row that open the circuit breaker. */
        @WithDefault("5")
        int breakerFailures();

        /** How long an open circuit answers 503 at once before it lets one request try again. */
        @WithDefault("10s")
        Duration breakerReset();
    }
}
