package io.yunying.gateway.edge;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.yunying.gateway.routing.EchoService;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The route table over every rule and every kind of caller. Content and community are served by an
 * echo service (a pass answers 200); push is down, so a pass through the edge answers 503.
 */
@QuarkusTest
@WithTestResource(EchoService.class)
@WithTestResource(PostgresTestResource.class)
class EdgeGuardTest {

    private static final Map<String, String> CALLERS = new LinkedHashMap<>();

    static {
        CALLERS.put("none", null);
        CALLERS.put("admin", TestTokens.admin());
        CALLERS.put("editor", TestTokens.editor());
        CALLERS.put("reviewer", TestTokens.reviewer());
        CALLERS.put("moderator", TestTokens.moderator());
        CALLERS.put("operator", TestTokens.operator());
        CALLERS.put("app-user", TestTokens.appUser("user-1"));
        CALLERS.put("service", TestTokens.service());
    }

    private record Case(String method, String path, List<String> allowed) {
    }

    private static final List<Case> MATRIX = List.of(
            new Case("GET", "/api/content/feeds/home", List.copyOf(CALLERS.keySet())),
            new Case("POST", "/api/content/feeds/home", List.of("admin", "editor", "reviewer", "moderator", "operator", "app-user", "service")),
            new Case("POST", "/api/content/engagement", List.of("app-user", "service")),
            new Case("GET", "/api/content/items", List.of("admin", "editor", "reviewer", "moderator", "operator", "app-user", "service")),
            new Case("POST", "/api/community/moderation/check", List.of("service", "admin", "moderator")),
            new Case("GET", "/api/community/boards", List.of("admin", "moderator", "editor", "operator", "app-user", "service")),
            new Case("POST", "/api/push/events", List.of("app-user", "service", "admin", "operator")),
            new Case("GET", "/api/push/segments", List.of("admin", "operator", "app-user", "service")));

    @Test
    void everyRuleLetsItsRolesThroughAndNobodyElse() {
        for (Case c : MATRIX) {
            boolean pushDown = c.path().startsWith("/api/push");
            CALLERS.forEach((who, token) -> {
                var request = given();
                if (token != null) {
                    request.header("Authorization", token);
                }
                int status = request.when().request(c.method(), c.path()).then().extract().statusCode();
                int expected = c.allowed().contains(who) ? (pushDown ? 503 : 200) : token == null ? 401 : 403;
                assertEquals(expected, status, who + " " + c.method() + " " + c.path());
            });
        }
    }

    @Test
    void forgedAndStaleTokensStopAtTheEdge() throws Exception {
        for (String token : List.of(TestTokens.expired("x", "admin"), TestTokens.foreign("x", "admin"),
                TestTokens.unsigned("x", "admin"), TestTokens.wrongIssuer("x", "admin"),
                EdgeTokens.hmacSignedWithThePublicKey("x", "admin"), "Bearer garbage", "Basic YWRtaW46YWRtaW4=")) {
            given().header("Authorization", token).when().get("/api/content/items")
                    .then().statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", containsString("Bearer"));
        }
    }

    @Test
    void anAppIdentityTokenIsExchangedForAPlatformAppUserToken() throws Exception {
        String forwarded = given().header("Authorization", EdgeTokens.fromAppIdentity("app-user-77"))
                .when().get("/api/content/items")
                .then().statusCode(200)
                .extract().path("authorization");
        String claims = EdgeTokens.payloadOf(forwarded);
        assertTrue(claims.contains("\"iss\":\"yunying\""), claims);
        assertTrue(claims.contains("\"sub\":\"app-user-77\""), claims);
        assertTrue(claims.contains("\"app-user\""), claims);
    }

    @Test
    void anAppIdentityTokenCannotReachStaffOnlyRules() throws Exception {
        given().header("Authorization", EdgeTokens.fromAppIdentity("app-user-78"))
                .when().post("/api/community/moderation/check")
                .then().statusCode(403);
    }

    @Test
    void thePlatformTokenIsForwardedUnchanged() {
        String token = TestTokens.editor();
        given().header("Authorization", token).when().get("/api/content/items")
                .then().statusCode(200).body("authorization", equalTo(token));
    }
}
