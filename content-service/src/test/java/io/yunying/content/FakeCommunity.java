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
 * in the submitted title: [block], [review], [flag], [mask] (masks 笨蛋), [down] (503), [missing] (404), [slow] (answers too late);
 * anything else passes. It refuses calls without a bearer token. It also stands in for the gateway's
 * service-token endpoint, so content-service gets its token the way it does in production.
 */
public class FakeCommunity implements QuarkusTestResourceLifecycleManager {

    public static volatile String lastAuthorization;
    /** Batches the event ingest accepted, as JSON. */
    public static final java.util.Queue<String> receivedEvents = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** When set, the event ingest answers 503. */
    public static volatile boolean eventsDown;
    private static HttpServer server;
    /** push-service's event intake, on a server of its own so that it can really be down (connection refused). */
    private static HttpServer push;
    private static int pushPort;
    /** Batches push-service's intake accepted, as JSON. */
    public static final java.util.Queue<String> pushEvents = new java.util.concurrent.ConcurrentLinkedQueue<>();

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
                String answer = "{\"decision\":\"PASS\",\"flagged\":false,\"hits\":[]}";
                if (auth == null || !auth.startsWith("Bearer ")) {
                    status = 401;
                    answer = "{}";
                } else if (body.contains("[block]")) {
                    answer = "{\"decision\":\"BLOCK\",\"flagged\":false,\"hits\":[{\"word\":\"赌博\",\"category\":\"GAMBLING\",\"action\":\"BLOCK\",\"start\":0}]}";
                } else if (body.contains("[review]")) {
                    answer = "{\"decision\":\"REVIEW\",\"flagged\":false,\"hits\":[{\"word\":\"私信\",\"category\":\"AD\",\"action\":\"REVIEW\"}]}";
                } else if (body.contains("[mask]")) {
                    // MASK hits: every 笨蛋 in the text is replaced by asterisks, character for character
                    String text = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("text").asText();
                    answer = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of(
                            "decision", text.contains("[review]") ? "REVIEW" : "PASS", "flagged", false,
                            "maskedText", text.replace("笨蛋", "**"),
                            "hits", java.util.List.of(Map.of("word", "笨蛋", "category", "ABUSE", "action", "MASK"))));
                } else if (body.contains("[flag]")) {
                    answer = "{\"decision\":\"PASS\",\"flagged\":true,\"hits\":[{\"word\":\"优惠\",\"category\":\"AD\",\"action\":\"FLAG\"}]}";
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
            server.createContext("/api/auth/service-tokens", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                boolean known = body.contains("\"clientId\":\"content-service\"") && body.contains("\"clientSecret\":\"content-test-secret\"");
                byte[] bytes = ("{\"accessToken\":\"" + TestTokens.token("content-service", "service") + "\",\"tokenType\":\"Bearer\","
                        + "\"expiresAt\":\"" + java.time.Instant.now().plus(java.time.Duration.ofMinutes(15)) + "\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(known ? 200 : 401, known ? bytes.length : -1);
                if (known) {
                    exchange.getResponseBody().write(bytes);
                }
                exchange.close();
            });
            server.createContext("/api/community/events", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String auth = exchange.getRequestHeaders().getFirst("Authorization");
                int status = auth == null || !auth.startsWith("Bearer ") ? 401 : eventsDown ? 503 : 202;
                if (status == 202) {
                    receivedEvents.add(body);
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
            startPush();
        }
        String url = "http://localhost:" + server.getAddress().getPort();
        return Map.of(
                "quarkus.rest-client.community.url", url,
                "quarkus.rest-client.push.url", "http://localhost:" + pushPort,
                "yunying.service-client.id", "content-service",
                "yunying.service-client.secret", "content-test-secret",
                "yunying.service-client.token-url", url + "/api/auth/service-tokens");
    }

    /** Starts push-service's stand-in (again, on the same port after {@link #stopPush()}). */
    public static synchronized void startPush() {
        try {
            push = HttpServer.create(new InetSocketAddress("localhost", pushPort), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pushPort = push.getAddress().getPort();
        push.createContext("/api/push/inbound-events", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            int status = auth == null || !auth.startsWith("Bearer ") ? 401 : 202;
            if (status == 202) {
                pushEvents.add(body);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        push.start();
    }

    /** For clean-up after a test that stopped it. */
    public static synchronized void startPushIfStopped() {
        try (java.net.Socket probe = new java.net.Socket("localhost", pushPort)) {
            // it answers
        } catch (IOException e) {
            startPush();
        }
    }

    /** Takes push-service's stand-in off the network: connections are refused until {@link #startPush()}. */
    public static synchronized void stopPush() {
        push.stop(0);
    }

    @Override
    public void stop() {
        // kept for the next Quarkus start in this JVM
    }
}
