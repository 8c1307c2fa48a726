package io.yunying.gateway.session;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.yunying.gateway.routing.EchoService;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.Sql;
import io.yunying.testsupport.TestClock;
import io.yunying.testsupport.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(EchoService.class)
@WithTestResource(PostgresTestResource.class)
class SessionResourceTest {

    @Inject
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    static Response signIn(String username, String password) {
        return given().contentType(ContentType.JSON)
                .body("{\"username\": \"%s\", \"password\": \"%s\"}".formatted(username, password))
                .when().post("/api/auth/sign-in");
    }

    static String adminToken() {
        return "Bearer " + signIn("admin", "first-admin-password").then().statusCode(200).extract().path("accessToken");
    }

    static String createAccount(String username, String password, String... roles) {
        return given().header("Authorization", adminToken()).contentType(ContentType.JSON)
                .body("{\"username\": \"%s\", \"password\": \"%s\", \"roles\": [\"%s\"]}"
                        .formatted(username, password, String.join("\", \"", roles)))
                .when().post("/api/auth/accounts")
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void theFirstAdminSignsInAndSeesTheirProfile() {
        String token = signIn("admin", "first-admin-password").then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", equalTo(900))
                .body("refreshToken", startsWith("yyr_"))
                .body("account.roles", containsInAnyOrder("admin"))
                .extract().path("accessToken");
        given().header("Authorization", "Bearer " + token).when().get("/api/auth/me")
                .then().statusCode(200).body("username", equalTo("admin"));
        assertEquals(1, Sql.count("select count(*) from account where lower(username) = 'admin'"));
        assertTrue(Sql.string("select password_hash from account where username = 'admin'").startsWith("$2"),
                "passwords are stored as bcrypt hashes");
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSame401() {
        signIn("admin", "not-the-password").then().statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:yunying:problem:invalid-credentials"));
        signIn("nobody-" + UUID.randomUUID(), "whatever-password").then().statusCode(401)
                .body("type", equalTo("urn:yunying:problem:invalid-credentials"));
    }

    @Test
    void refreshRotatesTheTokenAndAReplayRevokesTheWholeFamily() {
        createAccount("rotating-editor", "editor-password-1", "editor");
        String first = signIn("rotating-editor", "editor-password-1").then().statusCode(200).extract().path("refreshToken");

        Response refreshed = given().contentType(ContentType.JSON).body("{\"refreshToken\": \"" + first + "\"}")
                .when().post("/api/auth/refresh");
        refreshed.then().statusCode(200).body("accessToken", notNullValue());
        String second = refreshed.path("refreshToken");
        assertNotEquals(first, second);

        // the first token again: a replay, so the family (including the second token) ends
        given().contentType(ContentType.JSON).body("{\"refreshToken\": \"" + first + "\"}")
                .when().post("/api/auth/refresh").then().statusCode(401)
                .body("type", equalTo("urn:yunying:problem:session-ended"));
        given().contentType(ContentType.JSON).body("{\"refreshToken\": \"" + second + "\"}")
                .when().post("/api/auth/refresh").then().statusCode(401);
    }

    @Test
    void signOutEndsTheSession() {
        createAccount("leaving-reviewer", "reviewer-password-1", "reviewer");
        String refresh = signIn("leaving-reviewer", "reviewer-password-1").then().statusCode(200).extract().path("refreshToken");
        given().contentType(ContentType.JSON).body("{\"refreshToken\": \"" + refresh + "\"}")
                .when().post("/api/auth/sign-out").then().statusCode(204);
        given().contentType(ContentType.JSON).body("{\"refreshToken\": \"" + refresh + "\"}")
                .when().post("/api/auth/refresh").then().statusCode(401);
    }

    @Test
    void fiveFailuresLockTheAccountUntilTheLockoutPasses() {
        createAccount("forgetful-operator", "operator-password-1", "operator");
        for (int i = 0; i < 5; i++) {
            signIn("forgetful-operator", "wrong-password-" + i).then().statusCode(401);
        }
        signIn("forgetful-operator", "operator-password-1").then().statusCode(423)
                .body("type", equalTo("urn:yunying:problem:account-locked"))
                .body("lockedUntil", notNullValue());

        clock.advance(Duration.ofMinutes(16));
        signIn("forgetful-operator", "operator-password-1").then().statusCode(200);
    }

    @Test
    void onlyAnAdminManagesAccounts() {
        given().header("Authorization", TestTokens.editor()).contentType(ContentType.JSON)
                .body("{\"username\": \"sneaky\", \"password\": \"long-enough-password\", \"roles\": [\"admin\"]}")
                .when().post("/api/auth/accounts").then().statusCode(403);
        given().when().get("/api/auth/accounts").then().statusCode(401);
        assertEquals(0, Sql.count("select count(*) from account where username = 'sneaky'"));
    }

    @Test
    void badAccountsAreRefusedWithTheirFieldsNamed() {
        given().header("Authorization", adminToken()).contentType(ContentType.JSON)
                .body("{\"username\": \"x\", \"password\": \"short\", \"roles\": [\"superuser\"]}")
                .when().post("/api/auth/accounts").then().statusCode(400)
                .body("errors[0].field", equalTo("roles[0]"));
        given().header("Authorization", adminToken()).contentType(ContentType.JSON)
                .body("{\"username\": \"x\", \"password\": \"short\", \"roles\": []}")
                .when().post("/api/auth/accounts").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("username", "password", "roles"));
        createAccount("twice-named", "twice-named-password", "editor");
        given().header("Authorization", adminToken()).contentType(ContentType.JSON)
                .body("{\"username\": \"TWICE-named\", \"password\": \"twice-named-password\", \"roles\": [\"editor\"]}")
                .when().post("/api/auth/accounts").then().statusCode(409);
    }

    @Test
    void changesNeedTheCurrentETagAndDisablingEndsSessions() {
        String id = createAccount("to-disable", "disable-password-1", "moderator");
        String refresh = signIn("to-disable", "disable-password-1").then().statusCode(200).extract().path("refreshToken");
        String admin = adminToken();

        given().header("Authorization", admin).contentType(ContentType.JSON).body("{\"enabled\": false}")
                .when().patch("/api/auth/accounts/{id}", id).then().statusCode(428);
        given().header("Authorization", admin).header("If-Match", "\"7\"").contentType(ContentType.JSON).body("{\"enabled\": false}")
                .when().patch("/api/auth/accounts/{id}", id).then().statusCode(412);
        String etag = given().header("Authorization", admin).when().get("/api/auth/accounts/{id}", id)
                .then().statusCode(200).extract().header("ETag");
        given().header("Authorization", admin).header("If-Match", etag).contentType(ContentType.JSON).body("{\"enabled\": false}")
                .when().patch("/api/auth/accounts/{id}", id).then().statusCode(200).body("enabled", equalTo(false));

        signIn("to-disable", "disable-password-1").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{\"refreshToken\": \"" + refresh + "\"}")
                .when().post("/api/auth/refresh").then().statusCode(401);
    }

    @Test
    void devAppUserTokensAndServiceTokens() {
        String appToken = given().contentType(ContentType.JSON).body("{\"userId\": \"user-10086\"}")
                .when().post("/api/auth/dev/app-user-tokens").then().statusCode(200).extract().path("accessToken");
        given().header("Authorization", "Bearer " + appToken).when().get("/api/content/feeds/home")
                .then().statusCode(200);

        given().contentType(ContentType.JSON).body("{\"clientId\": \"content-service\", \"clientSecret\": \"content-service-test-secret\"}")
                .when().post("/api/auth/service-tokens").then().statusCode(200).body("accessToken", notNullValue());
        given().contentType(ContentType.JSON).body("{\"clientId\": \"content-service\", \"clientSecret\": \"guess\"}")
                .when().post("/api/auth/service-tokens").then().statusCode(401);
        // a local platform's client configured with the secret itself rather than its hash
        given().contentType(ContentType.JSON).body("{\"clientId\": \"local-job\", \"clientSecret\": \"local-job-secret\"}")
                .when().post("/api/auth/service-tokens").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"clientId\": \"local-job\", \"clientSecret\": \"local-job-secreT\"}")
                .when().post("/api/auth/service-tokens").then().statusCode(401);
    }
}
