package io.yunying.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.yunying.testsupport.Sql;
import io.yunying.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A request goes through the gateway to the real content-service, which writes to and reads from PostgreSQL. */
@QuarkusTest
@WithTestResource(ContentServiceProcess.class)
class WalkingSkeletonIT {

    @Test
    void aDraftCreatedThroughTheGatewayIsStoredAndReadBack() throws IOException {
        String requestId = "skeleton-" + UUID.randomUUID();
        String id = given().header("X-Request-Id", requestId).header("Authorization", TestTokens.editor()).contentType(ContentType.JSON)
                .body("""
                        {"type": "ARTICLE", "source": "PGC", "title": "走通全链路", "slug": "walking-skeleton", "author": "editor-li"}
                        """)
                .when().post("/api/content/items")
                .then().statusCode(201)
                .header("X-Request-Id", requestId)
                .body("state", equalTo("DRAFT"))
                .extract().path("id");

        assertEquals(1, Sql.count("select count(*) from content_item where id = ? and title = ?", UUID.fromString(id), "走通全链路"));

        given().header("Authorization", TestTokens.editor()).when().get("/api/content/items/{id}", id)
                .then().statusCode(200)
                .body("slug", equalTo("walking-skeleton"));

        // the service logs asynchronously: wait for the line rather than for a fixed time
        org.awaitility.Awaitility.await("content-service logs the request id it was given by the gateway")
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> Files.readString(ContentServiceProcess.LOG).contains(requestId));
    }

    @Test
    void theMergedOpenApiHoldsTheGatewayAndTheServicesOperationsWithRoles() {
        given().when().get("/openapi/platform")
                .then().statusCode(200)
                .body("paths.'/api/content/items'.post.summary", equalTo("Create a draft"))
                .body("paths.'/api/content/items'.post.x-roles", org.hamcrest.Matchers.containsInAnyOrder("editor", "admin"))
                .body("paths.'/api/content/items'.post.security[0].bearer", org.hamcrest.Matchers.containsInAnyOrder("editor", "admin"))
                .body("paths.'/api/auth/sign-in'.post.summary", equalTo("Sign in with username and password"))
                .body("paths.'/api/auth/accounts'.post.x-roles", org.hamcrest.Matchers.contains("admin"))
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
                .body("components.schemas.Problem", org.hamcrest.Matchers.notNullValue())
                .body("x-unavailable-services", org.hamcrest.Matchers.containsInAnyOrder("community", "push"));
    }

    @Test
    void aServiceProblemPassesThroughTheGatewayUnchanged() {
        given().header("Authorization", TestTokens.editor()).contentType(ContentType.JSON).body("{\"type\": \"HOLOGRAM\"}")
                .when().post("/api/content/items")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("type"));
    }
}
