package io.yunying.gateway.routing;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(EchoService.class)
@WithTestResource(PostgresTestResource.class)
class GatewayRoutingTest {

    @Test
    void aRequestReachesItsServiceWithPathAndQueryUnchanged() {
        given().header("X-Request-Id", "from-the-app-1").header("Authorization", TestTokens.moderator())
                .when().get("/api/community/boards/general/posts?limit=5&cursor=abc")
                .then().statusCode(200)
                .body("method", equalTo("GET"))
                .body("path", equalTo("/api/community/boards/general/posts"))
                .body("query", equalTo("limit=5&cursor=abc"))
                .body("requestId", equalTo("from-the-app-1"))
                .header("X-Request-Id", "from-the-app-1");
    }

    @Test
    void aRequestIdIsGeneratedWhenTheCallerSendsNone() {
        String forwarded = given().header("Authorization", TestTokens.moderator())
                .when().post("/api/community/posts")
                .then().statusCode(200)
                .body("requestId", matchesPattern("[0-9a-f-]{36}"))
                .extract().path("requestId");
        given().header("Authorization", TestTokens.moderator()).when().get("/api/community/x").then().body("requestId", matchesPattern("[0-9a-f-]{36}"))
                .body("requestId", org.hamcrest.Matchers.not(equalTo(forwarded)));
    }

    @Test
    void aBodyIsForwardedWhole() {
        given().header("Authorization", TestTokens.appUser("u-1")).contentType(ContentType.JSON).body("{\"title\":\"" + "字".repeat(10_000) + "\"}")
                .when().post("/api/community/posts")
                .then().statusCode(200)
                .body("bodyBytes", equalTo(10 + 30_000 + 2));
    }

    @Test
    void aServiceThatIsDownIsAFast503Problem() {
        given().header("X-Request-Id", "down-check").header("Authorization", TestTokens.operator())
                .when().get("/api/push/contacts")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .time(lessThan(3_000L))
                .header("Retry-After", notNullValue())
                .body("status", equalTo(503))
                .body("type", equalTo("urn:yunying:problem:unavailable"))
                .body("service", equalTo("push"))
                .body("requestId", equalTo("down-check"));
    }

    @Test
    void aBodyOverTheLimitIsRefusedAtTheGatewayWithA413Problem() {
        given().header("Authorization", TestTokens.appUser("u-1")).contentType(ContentType.JSON)
                .body("{\"title\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}")
                .when().post("/api/community/posts")
                .then().statusCode(413)
                .contentType("application/problem+json");
    }

    @Test
    void afterRepeatedConnectionFailuresTheCircuitOpensAndAnswersAtOnce() {
        for (int i = 0; i < 6; i++) {
            given().header("Authorization", TestTokens.operator()).when().get("/api/push/segments")
                    .then().statusCode(503);
        }
        given().header("Authorization", TestTokens.operator()).when().get("/api/push/segments")
                .then().statusCode(503)
                .time(lessThan(500L))
                .body("reason", equalTo("circuit-open"));
    }

    @Test
    void securityHeadersAndCorsForTheAdminOrigin() {
        given().header("Origin", "http://localhost:5173")
                .header("Access-Control-Request-Method", "PATCH")
                .header("Access-Control-Request-Headers", "Authorization,If-Match")
                .when().options("/api/content/items/1")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:5173");
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "DELETE")
                .when().options("/api/content/items/1")
                .then().header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
        given().header("Authorization", TestTokens.moderator()).when().get("/api/community/boards")
                .then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY");
    }

    @Test
    void requestsAreTimedPerRoute() {
        given().header("Authorization", TestTokens.moderator()).when().get("/api/community/boards").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("gateway_requests_seconds_count{method=\"GET\",route=\"community\",status=\"200\""));
    }

    @Test
    void aPathOutsideEveryRouteIsA404Problem() {
        given().when().get("/api/unknown/things")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    @Test
    void theGatewayServesItsOwnHealth() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
