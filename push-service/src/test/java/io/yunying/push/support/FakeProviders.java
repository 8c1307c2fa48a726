package io.yunying.push.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real local HTTP server standing in for FCM, APNs, the SMS gateway and content-service: it records
 * every request and answers 2xx unless a test queued other answers (429 with Retry-After, 503, 410...).
 */
public final class FakeProviders {

    public static final int PORT = 29185;

    public record Request(String method, String path, Map<String, String> headers, JsonObject body) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    public record Answer(int status, Map<String, String> headers, String body) {
    }

    private static FakeProviders instance;

    private final List<Request> requests = new ArrayList<>();
    private final Map<String, Deque<Answer>> scripted = new HashMap<>();
    private final Map<String, JsonObject> cards = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    private FakeProviders() {
    }

    public static synchronized FakeProviders get() {
        if (instance == null) {
            FakeProviders fake = new FakeProviders();
            fake.start();
            instance = fake;
        }
        return instance;
    }

    private void start() {
        HttpServer server = Vertx.vertx().createHttpServer().requestHandler(req -> req.body().onSuccess(buffer -> {
            Map<String, String> headers = new HashMap<>();
            req.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
            String path = req.path();
            if (path.startsWith("/api/content/published/")) {
                JsonObject card = cards.get(path.substring("/api/content/published/".length()));
                req.response().setStatusCode(card == null ? 404 : 200).putHeader("Content-Type", "application/json")
                        .end(card == null ? "{\"status\":404}" : card.encode());
                return;
            }
            JsonObject body = buffer.length() == 0 ? new JsonObject() : buffer.toJsonObject();
            Answer answer;
            synchronized (this) {
                requests.add(new Request(req.method().name(), path, headers, body));
                Deque<Answer> queue = scripted.get(kind(path));
                answer = queue == null || queue.isEmpty() ? null : queue.poll();
            }
            if (answer == null) {
                answer = success(path, headers);
            }
            var response = req.response().setStatusCode(answer.status()).putHeader("Content-Type", "application/json");
            answer.headers().forEach(response::putHeader);
            response.end(answer.body());
        }));
        CompletableFuture<Void> started = new CompletableFuture<>();
        server.listen(PORT).onSuccess(s -> started.complete(null)).onFailure(started::completeExceptionally);
        try {
            started.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("fake providers did not start on " + PORT, e);
        }
    }

    private Answer success(String path, Map<String, String> headers) {
        long n = ids.incrementAndGet();
        return switch (kind(path)) {
            case "fcm" -> new Answer(200, Map.of(), "{\"name\": \"projects/yunying-demo/messages/" + n + "\"}");
            case "apns" -> new Answer(200, Map.of("apns-id", headers.getOrDefault("apns-id", "x")), "");
            default -> new Answer(200, Map.of(), "{\"id\": \"sms-" + n + "\"}");
        };
    }

    private static String kind(String path) {
        if (path.startsWith("/v1/projects/")) {
            return "fcm";
        }
        if (path.startsWith("/3/device/")) {
            return "apns";
        }
        return "sms";
    }

    /** Answers the next requests of a kind ("fcm", "apns", "sms") with these, in order. */
    public synchronized void script(String kind, Answer... answers) {
        scripted.computeIfAbsent(kind, k -> new ArrayDeque<>()).addAll(List.of(answers));
    }

    public void card(String id, String title, String summary) {
        cards.put(id, new JsonObject().put("id", id).put("title", title).put("summary", summary).put("coverUrl", "https://img.example/" + id + ".jpg"));
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    public synchronized void reset() {
        requests.clear();
        scripted.clear();
    }
}
