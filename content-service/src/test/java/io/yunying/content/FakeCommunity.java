package io.yunying.content;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.yunying.testsupport.TestTokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A real HTTP server standing in for community-service's moderation check. Its verdict follows a marker
 * in the submitted title: [block], [review], [down] (503), [missing] (404), [slow] (answers too late);
 * anything else passes. It refuses calls without a bearer token.
 */
public class FakeCommunity implements QuarkusTestResourceLifecycleManager {

    public static volatile String lastAuthorization;
    private static HttpServer server;

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/api/community/moderation/check", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String auth = exchange.getRequestHeaders().getFirst("Authorization");
                lastAuthorization = auth;
                int status = 200;
                String answer = "{\"decision\":\"PASS\",\"labels\":[]}";
                if (auth == null || !auth.startsWith("Bearer ")) {
                    status = 401;
                    answer = "{}";
                } else if (body.contains("[block]")) {
                    answer = "{\"decision\":\"BLOCK\",\"reason\":\"含违禁词: 赌博\",\"labels\":[\"gambling\"]}";
                } else if (body.contains("[review]")) {
                    answer = "{\"decision\":\"REVIEW\",\"reason\":\"疑似广告\"}";
                } else if (body.contains("[down]")) {
                    status = 503;
                    answer = "{}";
                } else if (body.contains("[missing]")) {
                    status = 404;
                    answer = "{}";
                } else if (body.contains("[slow]")) {
                    try {
                        Thread.sleep(1500);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
        }
        return Map.of(
                "quarkus.rest-client.community.url", "http://localhost:" + server.getAddress().getPort(),
                "content.community.token", TestTokens.token("content-service", "service"));
    }

    @Override
    public void stop() {
        // kept for the next Quarkus start in this JVM
    }
}
