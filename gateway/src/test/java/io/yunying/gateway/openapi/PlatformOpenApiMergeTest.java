package io.yunying.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The merge itself, on small documents: clashing schema names, shared schemas, roles, missing services. */
class PlatformOpenApiMergeTest {

    private final ObjectMapper json = new ObjectMapper();

    private JsonNode doc(String text) throws Exception {
        return json.readTree(text);
    }

    @Test
    void clashingSchemasAreRenamedPerServiceAndSharedOnesStayOne() throws Exception {
        PlatformOpenApi merger = new PlatformOpenApi(json, Map::of);
        JsonNode content = doc("""
                {"paths": {"/api/content/review/items/{id}/reject": {"post": {
                    "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/ReviewDecision"}}}},
                    "security": [{"SecurityScheme": ["reviewer", "admin"]}]}}},
                 "components": {"schemas": {
                    "ReviewDecision": {"type": "object", "properties": {"reason": {"type": "string"}}},
                    "Problem": {"type": "object", "properties": {"status": {"type": "integer"}}}}}}""");
        JsonNode community = doc("""
                {"paths": {"/api/community/reviews/{id}/decision": {"post": {
                    "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/ReviewDecision"}}}},
                    "security": [{"SecurityScheme": ["moderator"]}]}}},
                 "components": {"schemas": {
                    "ReviewDecision": {"type": "object", "properties": {"decision": {"enum": ["APPROVE", "REMOVE"]}}},
                    "Problem": {"type": "object", "properties": {"status": {"type": "integer"}}}}}}""");

        ObjectNode merged = merger.merge(List.of(Map.entry("community", community), Map.entry("content", content),
                Map.entry("push", json.nullNode())));

        JsonNode schemas = merged.path("components").path("schemas");
        assertTrue(schemas.has("ReviewDecision"));
        assertTrue(schemas.has("ContentReviewDecision"));
        assertTrue(schemas.path("ReviewDecision").path("properties").has("decision"), "the first service keeps the plain name");
        assertTrue(schemas.path("ContentReviewDecision").path("properties").has("reason"));
        assertFalse(schemas.has("ContentProblem"), "identical schemas are merged into one");
        assertEquals("#/components/schemas/ContentReviewDecision", merged.at(
                "/paths/~1api~1content~1review~1items~1{id}~1reject/post/requestBody/content/application~1json/schema/$ref").asText());
        assertEquals("#/components/schemas/ReviewDecision", merged.at(
                "/paths/~1api~1community~1reviews~1{id}~1decision/post/requestBody/content/application~1json/schema/$ref").asText());
        assertEquals("moderator", merged.at("/paths/~1api~1community~1reviews~1{id}~1decision/post/x-roles/0").asText());
        assertEquals("reviewer", merged.at("/paths/~1api~1content~1review~1items~1{id}~1reject/post/security/0/bearer/0").asText());
        assertEquals("push", merged.path("x-unavailable-services").path(0).asText());
    }
}
