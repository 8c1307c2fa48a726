package io.yunying.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.yunying.gateway.routing.GatewayRoutes;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One OpenAPI document for the whole platform: the gateway's own operations and every service's, with
 * the bearer security scheme and the roles of each operation (as the scheme's scopes and as
 * {@code x-roles}). The admin UI is generated from it. A service that is down is listed under
 * {@code x-unavailable-services} and its operations are missing until it is back.
 */
@Path("/openapi/platform")
@Tag(name = "Platform API document")
public class PlatformOpenApi {

    private static final Logger LOG = Logger.getLogger(PlatformOpenApi.class);
    private static final String SCHEME = "bearer";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final ObjectMapper json;
    private final Map<String, GatewayRoutes.Route> routes;

    public PlatformOpenApi(ObjectMapper json, GatewayRoutes routes) {
        this.json = json;
        this.routes = routes.services();
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The merged OpenAPI document of the gateway and every service")
    public Uni<ObjectNode> document(HttpServerRequest request) {
        Map<String, URI> sources = new LinkedHashMap<>();
        sources.put("gateway", URI.create("http://localhost:" + request.localAddress().port() + "/q/openapi?format=json"));
        routes.keySet().stream().sorted().forEach(name -> sources.put(name, routes.get(name).url().resolve("/q/openapi?format=json")));
        List<Uni<Map.Entry<String, JsonNode>>> fetches = new ArrayList<>();
        sources.forEach((name, uri) -> fetches.add(fetch(name, uri)));
        return Uni.join().all(fetches).andFailFast().map(this::merge);
    }

    private Uni<Map.Entry<String, JsonNode>> fetch(String name, URI uri) {
        HttpRequest get = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).GET().build();
        return Uni.createFrom().completionStage(() -> http.sendAsync(get, HttpResponse.BodyHandlers.ofString()))
                .map(response -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("answered " + response.statusCode());
                    }
                    try {
                        return Map.entry(name, json.readTree(response.body()));
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException("not JSON", e);
                    }
                })
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("OpenAPI of %s unavailable: %s", name, e.getMessage());
                    return Map.entry(name, json.nullNode());
                });
    }

    ObjectNode merge(List<Map.Entry<String, JsonNode>> documents) {
        ObjectNode merged = json.createObjectNode();
        merged.put("openapi", "3.1.0");
        merged.putObject("info").put("title", "Yunying platform API").put("version", "0.1.0")
                .put("description", "Every operation of the gateway and the services, as reached through the gateway.");
        ObjectNode paths = merged.putObject("paths");
        ObjectNode components = merged.putObject("components");
        ObjectNode schemas = components.putObject("schemas");
        components.putObject("securitySchemes").putObject(SCHEME)
                .put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT")
                .put("description", "An access token from POST /api/auth/sign-in (operators) or the app's identity system");
        ArrayNode tags = merged.putArray("tags");
        ArrayNode unavailable = json.createArrayNode();
        for (Map.Entry<String, JsonNode> entry : documents) {
            JsonNode doc = entry.getValue();
            if (doc == null || doc.isNull()) {
                unavailable.add(entry.getKey());
                continue;
            }
            doc = withoutNameClashes(doc, entry.getKey(), schemas);
            doc.path("components").path("schemas").fields().forEachRemaining(s -> schemas.set(s.getKey(), s.getValue()));
            doc.path("tags").forEach(tag -> tags.add(((ObjectNode) tag.deepCopy()).put("x-service", entry.getKey())));
            doc.path("paths").fields().forEachRemaining(p -> {
                if (p.getKey().startsWith("/q/")) {
                    return;
                }
                ObjectNode path = paths.has(p.getKey()) ? (ObjectNode) paths.get(p.getKey()) : paths.putObject(p.getKey());
                p.getValue().fields().forEachRemaining(op -> {
                    JsonNode operation = op.getValue().deepCopy();
                    if (operation.isObject()) {
                        describeSecurity((ObjectNode) operation, entry.getKey());
                    }
                    path.set(op.getKey(), operation);
                });
            });
        }
        if (!unavailable.isEmpty()) {
            merged.set("x-unavailable-services", unavailable);
        }
        return merged;
    }

    /**
     * Two services may name different schemas alike (each has its own {@code ReviewDecision}). A schema
     * whose name is taken by a different one already merged is renamed with the service's name in
     * front ({@code CommunityReviewDecision}), and every reference to it in that service's document
     * follows. Identical schemas (the shared {@code Problem}) stay one.
     */
    private JsonNode withoutNameClashes(JsonNode doc, String service, ObjectNode merged) {
        Map<String, String> renamed = new LinkedHashMap<>();
        doc.path("components").path("schemas").fields().forEachRemaining(s -> {
            JsonNode taken = merged.get(s.getKey());
            if (taken != null && !taken.equals(s.getValue())) {
                renamed.put(s.getKey(), Character.toUpperCase(service.charAt(0)) + service.substring(1) + s.getKey());
            }
        });
        if (renamed.isEmpty()) {
            return doc;
        }
        try {
            String text = json.writeValueAsString(doc);
            for (Map.Entry<String, String> r : renamed.entrySet()) {
                text = text.replace("\"#/components/schemas/" + r.getKey() + "\"", "\"#/components/schemas/" + r.getValue() + "\"");
            }
            ObjectNode rewritten = (ObjectNode) json.readTree(text);
            ObjectNode schemas = (ObjectNode) rewritten.path("components").path("schemas");
            renamed.forEach((from, to) -> schemas.set(to, schemas.remove(from)));
            return rewritten;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("an OpenAPI document could not be rewritten", e);
        }
    }

    /** Rewrites whatever security scheme a service named into the platform's one, keeping the roles. */
    private void describeSecurity(ObjectNode operation, String service) {
        operation.put("x-service", service);
        JsonNode security = operation.get("security");
        if (security == null || !security.isArray()) {
            return;
        }
        ArrayNode roles = json.createArrayNode();
        for (JsonNode requirement : security) {
            for (Iterator<JsonNode> it = requirement.elements(); it.hasNext(); ) {
                it.next().forEach(roles::add);
            }
        }
        ArrayNode platform = json.createArrayNode();
        platform.addObject().set(SCHEME, roles);
        operation.set("security", platform);
        operation.set("x-roles", roles.deepCopy());
    }
}
