package io.yunying.content;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.TestTokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Who may call what. Each endpoint is called by every role; the roles it names get past security (whatever
 * the business answer), all others get 403. Ids are random, so allowed calls change nothing.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(FakeCommunity.class)
class RoleMatrixTest {

    private static final String ID = UUID.randomUUID().toString();
    private static final Map<String, String> TOKENS = Map.of(
            "admin", TestTokens.admin(), "editor", TestTokens.editor(), "reviewer", TestTokens.reviewer(),
            "moderator", TestTokens.moderator(), "operator", TestTokens.operator(), "app-user", TestTokens.appUser("u-roles"),
            "service", TestTokens.service());

    private static final Set<String> EDITORS = Set.of("editor", "admin");
    private static final Set<String> REVIEWERS = Set.of("reviewer", "admin");
    private static final Set<String> STAFF = Set.of("editor", "reviewer", "moderator", "admin");
    private static final Set<String> READERS = Set.of("app-user", "editor", "reviewer", "admin");

    record Endpoint(String method, String path, Set<String> roles) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static List<Endpoint> endpoints() {
        String item = "/api/content/items/" + ID;
        return List.of(
                new Endpoint("POST", "/api/content/items", EDITORS),
                new Endpoint("GET", "/api/content/items", STAFF),
                new Endpoint("GET", item, STAFF),
                new Endpoint("PUT", item, EDITORS),
                new Endpoint("POST", item + "/submit", EDITORS),
                new Endpoint("POST", item + "/withdraw", EDITORS),
                new Endpoint("POST", item + "/schedule", EDITORS),
                new Endpoint("POST", item + "/unschedule", EDITORS),
                new Endpoint("POST", item + "/publish", EDITORS),
                new Endpoint("POST", item + "/publish-changes", Set.of("editor", "reviewer", "admin")),
                new Endpoint("POST", item + "/submit-changes", EDITORS),
                new Endpoint("POST", item + "/discard-changes", EDITORS),
                new Endpoint("PUT", item + "/unpublish-at", EDITORS),
                new Endpoint("POST", item + "/unpublish", EDITORS),
                new Endpoint("POST", item + "/archive", EDITORS),
                new Endpoint("POST", item + "/take-down", Set.of("moderator", "admin")),
                new Endpoint("GET", item + "/history", STAFF),
                new Endpoint("GET", item + "/revisions", Set.of("editor", "reviewer", "admin")),
                new Endpoint("GET", item + "/revisions/1/diff/2", Set.of("editor", "reviewer", "admin")),
                new Endpoint("POST", item + "/revisions/1/restore", EDITORS),
                new Endpoint("GET", "/api/content/review/queue", REVIEWERS),
                new Endpoint("POST", "/api/content/review/items/" + ID + "/claim", REVIEWERS),
                new Endpoint("POST", "/api/content/review/items/" + ID + "/release", REVIEWERS),
                new Endpoint("POST", "/api/content/review/items/" + ID + "/approve", REVIEWERS),
                new Endpoint("POST", "/api/content/review/items/" + ID + "/reject", REVIEWERS),
                new Endpoint("POST", "/api/content/review/bulk", REVIEWERS),
                new Endpoint("POST", "/api/content/ugc", Set.of("app-user")),
                new Endpoint("GET", "/api/content/ugc/mine", Set.of("app-user")),
                new Endpoint("POST", "/api/content/engagement", Set.of("app-user")),
                new Endpoint("GET", "/api/content/feeds/home", READERS),
                new Endpoint("GET", "/api/content/feeds/home/definition", EDITORS),
                new Endpoint("PUT", "/api/content/feeds/role-matrix", EDITORS),
                new Endpoint("PUT", "/api/content/feeds/role-matrix/pins", EDITORS),
                // push-service's content cards (service token) and operators previewing them read the live copy too
                new Endpoint("GET", "/api/content/published/" + ID, Set.of("app-user", "editor", "reviewer", "operator", "service", "admin")),
                new Endpoint("GET", "/api/content/search", READERS),
                new Endpoint("GET", "/api/content/categories", READERS),
                new Endpoint("GET", "/api/content/tags", READERS),
                new Endpoint("PUT", "/api/content/categories/role-matrix", EDITORS),
                new Endpoint("GET", "/api/content/collections/role-matrix", READERS),
                new Endpoint("PUT", "/api/content/collections/role-matrix", EDITORS),
                new Endpoint("PUT", "/api/content/collections/role-matrix/items", EDITORS),
                new Endpoint("POST", "/api/content/collections/role-matrix/publish", EDITORS),
                new Endpoint("POST", "/api/content/schedule/run", Set.of("admin")),
                new Endpoint("GET", "/api/content/outbox/subscribers", Set.of("admin")));
    }

    static Stream<Arguments> everyEndpointAndRole() {
        return endpoints().stream().flatMap(e -> TOKENS.keySet().stream().sorted().map(role -> Arguments.of(e, role)));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("everyEndpointAndRole")
    void eachRoleReachesOnlyItsOwnWork(Endpoint endpoint, String role) {
        int status = given().header("Authorization", TOKENS.get(role)).contentType(ContentType.JSON)
                .body(endpoint.method().equals("GET") ? "" : "{}")
                .request(endpoint.method(), endpoint.path())
                .then().extract().statusCode();
        if (endpoint.roles().contains(role)) {
            assertNotEquals(403, status, endpoint + " should be open to " + role);
            assertNotEquals(401, status);
            org.junit.jupiter.api.Assertions.assertTrue(status < 500, endpoint + " as " + role + " answered " + status);
        } else {
            assertEquals(403, status, endpoint + " should be closed to " + role);
        }
    }
}
