package io.yunying.gateway.routing;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A stand-in service that answers every request with what it received (method, path, query, request
 * id, authorization), mounted behind the gateway's content and community routes. The push route points
 * at a port nobody listens on.
 */
public class EchoService implements QuarkusTestResourceLifecycleManager {

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            server.createContext("/", exchange -> {
                byte[] received = exchange.getRequestBody().readAllBytes();
                String body = """
                        {"method":"%s","path":"%s","query":"%s","requestId":"%s","bodyBytes":%d,"authorization":"%s"}"""
                        .formatted(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                                exchange.getRequestURI().getRawQuery(),
                                exchange.getRequestHeaders().getFirst("X-Request-Id"), received.length,
                                exchange.getRequestHeaders().getFirst("Authorization"));
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
            String echo = "http://localhost:" + server.getAddress().getPort();
            return Map.of(
                    "yunying.gateway.routes.content.url", echo,
                    "yunying.gateway.routes.community.url", echo,
                    "yunying.gateway.routes.push.url", "http://localhost:" + unusedPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
