package io.yunying.platform.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code service} token this application presents to other services: obtained from the gateway
 * with the client-credentials grant and kept until a minute before it expires. Without a configured
 * client there is no token, and calls that need one are refused by the callee (the caller degrades).
 */
@ApplicationScoped
public class ServiceTokens {

    private static final Logger LOG = Logger.getLogger(ServiceTokens.class);
    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final ObjectMapper json;
    private final Clock clock;
    private final Optional<String> clientId;
    private final Optional<String> clientSecret;
    private final URI tokenUrl;
    private volatile Token current;

    private record Token(String authorization, Instant renewAt) {
    }

    public ServiceTokens(ObjectMapper json, Clock clock,
                         @ConfigProperty(name = "yunying.service-client.id") Optional<String> clientId,
                         @ConfigProperty(name = "yunying.service-client.secret") Optional<String> clientSecret,
                         @ConfigProperty(name = "yunying.service-client.token-url",
                                 defaultValue = "http://localhost:8080/api/auth/service-tokens") URI tokenUrl) {
        this.json = json;
        this.clock = clock;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.tokenUrl = tokenUrl;
    }

    /** {@code Bearer ...} for an outgoing call, or empty when no client is configured or the gateway is unreachable. */
    public Uni<Optional<String>> authorization() {
        Token token = current;
        if (token != null && clock.instant().isBefore(token.renewAt())) {
            return Uni.createFrom().item(Optional.of(token.authorization()));
        }
        if (clientId.isEmpty() || clientSecret.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        String body;
        try {
            body = json.writeValueAsString(json.createObjectNode().put("clientId", clientId.get()).put("clientSecret", clientSecret.get()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        HttpRequest request = HttpRequest.newBuilder(tokenUrl).timeout(Duration.ofSeconds(3))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .map(this::remember)
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("no service token from %s: %s", tokenUrl, e.getMessage());
                    return Optional.empty();
                });
    }

    private Optional<String> remember(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            LOG.warnf("the gateway refused a service token for %s: %d", clientId.orElse("?"), response.statusCode());
            return Optional.empty();
        }
        try {
            JsonNode answer = json.readTree(response.body());
            Instant expiresAt = Instant.parse(answer.get("expiresAt").asText());
            Token token = new Token("Bearer " + answer.get("accessToken").asText(), expiresAt.minus(RENEW_BEFORE_EXPIRY));
            current = token;
            return Optional.of(token.authorization());
        } catch (java.io.IOException | RuntimeException e) {
            LOG.warnf("unreadable service token answer: %s", e.getMessage());
            return Optional.empty();
        }
    }
}
