package io.yunying.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads the demo data through the gateway's public API, signed in as the demo accounts, so it passes
 * the same validation and role checks as anything an operator does. Loading twice changes nothing.
 *
 * <p>Each file under {@code demo/} is a JSON array of records:
 * <pre>
 * {"as": "editor",                       // a demo account's role, or "app-user:&lt;id&gt;" (default admin)
 *  "method": "POST", "path": "/api/...", // default POST
 *  "body": {...},                        // optional
 *  "headers": {"Idempotency-Key": "..."},// optional request headers
 *  "ifAbsent": "/api/...",               // optional: skip the record when this GET answers 200
 *  "capture": {"movies": "id"}}          // optional: remember fields of the answer (or of the ifAbsent answer)
 * </pre>
 * Later records use captured values as {@code ${movies}} in their path or body. A 409 answer counts as
 * "already there" (a natural key such as a slug is taken, or a state change was already made).
 */
final class DemoData {

    private static final List<String> FILES = List.of("demo/content.json", "demo/community.json", "demo/push.json",
            "demo/push-journeys.json");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String gateway;
    private final Map<String, String> accounts;
    private final Map<String, String> tokens = new HashMap<>();
    private final Map<String, String> captured = new HashMap<>();

    /** @param accounts demo account password by role (the account's username is its role name) */
    DemoData(String gateway, Map<String, String> accounts) {
        this.gateway = gateway;
        this.accounts = accounts;
    }

    /** Records created (201), already there (409, or found by ifAbsent), and applied again (other 2xx: upserts, re-deliveries). */
    record Outcome(int created, int present, int reapplied) {
    }

    Outcome load() throws IOException, InterruptedException {
        int created = 0;
        int present = 0;
        int reapplied = 0;
        for (Map.Entry<String, String> account : accounts.entrySet()) {
            if (account.getKey().equals("admin")) {
                continue;
            }
            ObjectNode body = json.createObjectNode().put("username", account.getKey()).put("password", account.getValue())
                    .put("displayName", "Demo " + account.getKey());
            body.putArray("roles").add(account.getKey());
            HttpResponse<String> response = send("POST", "/api/auth/accounts", json.writeValueAsString(body), "admin", Map.of());
            switch (response.statusCode()) {
                case 201 -> created++;
                case 409 -> present++;
                default -> throw new IllegalStateException("demo account " + account.getKey() + " was refused with "
                        + response.statusCode() + ": " + response.body());
            }
        }
        for (String file : FILES) {
            for (JsonNode record : read(file)) {
                String as = record.path("as").asText("admin");
                if (record.hasNonNull("ifAbsent")) {
                    HttpResponse<String> existing = send("GET", substitute(record.get("ifAbsent").asText()), null, as, Map.of());
                    if (existing.statusCode() == 200) {
                        capture(record, existing.body());
                        present++;
                        continue;
                    }
                }
                String method = record.path("method").asText("POST");
                String path = substitute(record.get("path").asText());
                String body = record.hasNonNull("body") ? substitute(json.writeValueAsString(record.get("body"))) : null;
                Map<String, String> headers = new HashMap<>();
                record.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), substitute(h.getValue().asText())));
                HttpResponse<String> response = send(method, path, body, as, headers);
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    capture(record, response.body());
                    if (status == 201) {
                        created++;
                    } else {
                        reapplied++;
                    }
                } else if (status == 409) {
                    present++;
                } else {
                    throw new IllegalStateException("demo record " + method + " " + path + " was refused with "
                            + status + ": " + response.body());
                }
            }
        }
        return new Outcome(created, present, reapplied);
    }

    private HttpResponse<String> send(String method, String path, String body, String as, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path))
                .timeout(Duration.ofSeconds(30))
                .header("X-Request-Id", "demo-data")
                .header("Authorization", "Bearer " + tokenFor(as));
        headers.forEach(request::header);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String tokenFor(String as) throws IOException, InterruptedException {
        String cached = tokens.get(as);
        if (cached != null) {
            return cached;
        }
        HttpResponse<String> answer;
        if (as.startsWith("app-user:")) {
            String userId = as.substring("app-user:".length());
            answer = post("/api/auth/dev/app-user-tokens", json.createObjectNode().put("userId", userId));
        } else {
            String password = accounts.get(as);
            if (password == null) {
                throw new IllegalStateException("no demo account for role " + as);
            }
            answer = post("/api/auth/sign-in", json.createObjectNode().put("username", as).put("password", password));
        }
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("demo data could not get a token as " + as + ": " + answer.statusCode() + " " + answer.body());
        }
        String token = json.readTree(answer.body()).get("accessToken").asText();
        tokens.put(as, token);
        return token;
    }

    private HttpResponse<String> post(String path, ObjectNode body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(gateway + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private void capture(JsonNode record, String responseBody) throws IOException {
        if (!record.has("capture") || responseBody == null || responseBody.isBlank()) {
            return;
        }
        JsonNode answer = json.readTree(responseBody);
        record.get("capture").fields().forEachRemaining(e -> {
            JsonNode value = answer.at("/" + e.getValue().asText().replace('.', '/'));
            if (!value.isMissingNode()) {
                captured.put(e.getKey(), value.asText());
            }
        });
    }

    private String substitute(String text) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = captured.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("demo data uses ${" + m.group(1) + "} before capturing it");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private JsonNode read(String resource) throws IOException {
        try (InputStream in = DemoData.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing demo data file " + resource);
            }
            return json.readTree(in);
        }
    }
}
