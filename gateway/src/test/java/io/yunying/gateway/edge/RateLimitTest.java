package io.yunying.gateway.edge;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.yunying.gateway.routing.EchoService;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@TestProfile(RateLimitTest.SmallBuckets.class)
@WithTestResource(EchoService.class)
@WithTestResource(PostgresTestResource.class)
class RateLimitTest {

    public static class SmallBuckets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "yunying.gateway.edge.rate-limits.sign-in.capacity", "3",
                    "yunying.gateway.edge.rate-limits.sign-in.refill-per-second", "0.001",
                    "yunying.gateway.edge.rate-limits.user.capacity", "3",
                    "yunying.gateway.edge.rate-limits.user.refill-per-second", "0.001");
        }
    }

    @Test
    void signInIsLimitedPerAddress() {
        for (int i = 0; i < 3; i++) {
            given().contentType(ContentType.JSON).body("{\"username\": \"admin\", \"password\": \"wrong-password\"}")
                    .when().post("/api/auth/sign-in").then().statusCode(401)
                    .header("RateLimit-Limit", "3")
                    .header("RateLimit-Remaining", String.valueOf(2 - i));
        }
        given().contentType(ContentType.JSON).body("{\"username\": \"admin\", \"password\": \"first-admin-password\"}")
                .when().post("/api/auth/sign-in").then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .header("RateLimit-Remaining", "0")
                .body("type", equalTo("urn:yunying:problem:rate-limited"));
    }

    @Test
    void eachUserHasTheirOwnBucket() {
        String busy = TestTokens.appUser("busy-user");
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", busy).when().get("/api/content/items").then().statusCode(200);
        }
        given().header("Authorization", busy).when().get("/api/content/items").then().statusCode(429)
                .header("Retry-After", notNullValue());
        given().header("Authorization", TestTokens.appUser("calm-user")).when().get("/api/content/items").then().statusCode(200);
    }
}
