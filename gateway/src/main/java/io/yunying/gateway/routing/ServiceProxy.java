package io.yunying.gateway.routing;

import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.proxy.handler.ProxyHandler;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import io.yunying.gateway.edge.EdgeGuard;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.problem.Problems;
import io.yunying.platform.requestid.RequestIds;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * Mounts one reverse proxy per service on the gateway's router. Paths are forwarded unchanged; a
 * service that cannot be reached gets the caller a 503 problem at once instead of a hang or a bare 502.
 */
@Singleton
public class ServiceProxy {

    private static final Logger LOG = Logger.getLogger(ServiceProxy.class);

    /** Methods safe to send again when the first connection attempt failed. */
    private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.PUT, HttpMethod.DELETE);

    private final GatewayRoutes config;
    private final EdgeGuard guard;
    private final Problems problems;

    public ServiceProxy(GatewayRoutes config, EdgeGuard guard, Problems problems) {
        this.config = config;
        this.guard = guard;
        this.problems = problems;
    }

    void mount(@Observes Router router, Vertx vertx) {
        config.services().forEach((service, route) -> {
            URI url = route.url();
            int port = url.getPort() > 0 ? url.getPort() : 80;
            HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                    .setConnectTimeout((int) route.connectTimeout().toMillis())
                    .setKeepAlive(true)
                    .setMaxPoolSize(64));
            SocketAddress origin = SocketAddress.inetSocketAddress(port, url.getHost());
            RequestOptions options = new RequestOptions().setServer(origin).setIdleTimeout(route.idleTimeout().toMillis());
            // connection failures open the circuit: while open, callers get a 503 without waiting
            CircuitBreaker breaker = CircuitBreaker.create(service, vertx, new CircuitBreakerOptions()
                    .setMaxFailures(route.breakerFailures())
                    .setTimeout(-1)
                    .setResetTimeout(route.breakerReset().toMillis()));
            HttpProxy proxy = HttpProxy.reverseProxy(client)
                    .originRequestProvider((request, http) -> {
                        Future<HttpClientRequest> first = breaker.execute(p -> http.request(options).onComplete(p));
                        if (!IDEMPOTENT.contains(request.method())) {
                            return first;
                        }
                        return first.recover(failure -> failure instanceof OpenCircuitException
                                ? Future.failedFuture(failure)
                                : breaker.execute(p -> http.request(options).onComplete(p)));
                    })
                    .addInterceptor(new UnreachableServiceAnswer(service));
            router.route(route.prefix() + "/*").handler(guard).handler(ProxyHandler.create(proxy));
            LOG.infof("routing %s/** to %s (%s)", route.prefix(), url, service);
        });
    }

    /** Turns a failed connection to a service into a 503 problem, or a 504 when it stopped answering. */
    private final class UnreachableServiceAnswer implements ProxyInterceptor {

        private final String service;

        private UnreachableServiceAnswer(String service) {
            this.service = service;
        }

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            return context.sendRequest().recover(failure -> {
                boolean timedOut = failure instanceof java.util.concurrent.TimeoutException
                        || String.valueOf(failure.getMessage()).contains("timeout");
                String reason = failure instanceof OpenCircuitException ? "circuit-open" : timedOut ? "timeout" : "unreachable";
                int status = timedOut ? 504 : 503;
                String path = context.request().proxiedRequest().path();
                LOG.warnf("%s %s: %s did not answer (%s)", context.request().getMethod(), path, service, failure.getMessage());
                Problem problem = problems.forStatus(status, service + " is not available; try again shortly", path)
                        .withRequestId(context.request().headers().get(RequestIds.HEADER))
                        .withProperties(Map.of("service", service, "reason", reason));
                ProxyResponse answer = context.request().response()
                        .setStatusCode(status)
                        .putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .setBody(Body.body(Buffer.buffer(problems.serialize(problem))));
                if (status == 503) {
                    answer.putHeader("Retry-After", "5");
                }
                return Future.succeededFuture(answer);
            });
        }
    }
}
