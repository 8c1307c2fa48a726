package io.yunying.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Loads the demo data through the gateway's public API, so it passes the same validation as anything
 * an operator creates. Every record has a natural key (a slug, an external id): a second run gets 409
 * for what exists already and changes nothing.
 */
final class DemoData {

    private static final List<String> FILES = List.of("demo/content.json", "demo/community.json", "demo/push.json");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String gateway;

    DemoData(String gateway) {
        this.gateway = gateway;
    }

    record Outcome(int created, int present) {
    }

    Outcome load() throws IOException, InterruptedException {
        int created = 0;
        int present = 0;
        for (String file : FILES) {
            for (JsonNode record : read(file)) {
                String path = record.get("path").asText();
                HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + path))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .header("X-Request-Id", "demo-data")
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(record.get("body"))))
                        .build();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                switch (response.statusCode()) {
                    case 200, 201 -> created++;
                    case 409 -> present++;
                    default -> throw new IllegalStateException("demo record for " + path + " was refused with "
                            + response.statusCode() + ": " + response.body());
                }
            }
        }
        return new Outcome(created, present);
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
