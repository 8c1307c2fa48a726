package io.yunying.gateway.account;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.yunying.gateway.routing.EchoService;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.TestClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(EchoService.class)
@WithTestResource(PostgresTestResource.class)
class AccountListTest {

    @Inject
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static String admin() {
        return "Bearer " + given().contentType(ContentType.JSON)
                .body("{\"username\": \"admin\", \"password\": \"first-admin-password\"}")
                .when().post("/api/auth/sign-in").then().statusCode(200).extract().path("accessToken");
    }

    private static void create(String admin, String username) {
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"username\": \"%s\", \"password\": \"a-long-password-1\", \"roles\": [\"editor\"]}".formatted(username))
                .when().post("/api/auth/accounts").then().statusCode(201);
    }

    /** Every username of the list in the given order, read two at a time through the cursors. */
    private static List<String> readAll(String admin, String sort, String prefix) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().header("Authorization", admin).queryParam("sort", sort).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.when().get("/api/auth/accounts").then().statusCode(200).extract().jsonPath();
            page.getList("items.username", String.class).stream().filter(u -> u.startsWith(prefix)).forEach(seen::add);
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return seen;
    }

    @Test
    void theListIsReadInEachOrderPageByPageWithoutGapsOrRepeats() {
        String admin = admin();
        String prefix = "sorted-" + System.nanoTime() + "-";
        // created out of alphabetical order, a minute apart
        List<String> names = List.of(prefix + "carol", prefix + "alice", prefix + "dave", prefix + "bob");
        for (String name : names) {
            create(admin, name);
            clock.advance(Duration.ofMinutes(1));
        }
        List<String> alphabetical = names.stream().sorted().toList();
        assertEquals(alphabetical, readAll(admin, "username", prefix));
        assertEquals(alphabetical.stream().sorted(Comparator.reverseOrder()).toList(), readAll(admin, "-username", prefix));
        assertEquals(names, readAll(admin, "createdAt", prefix));
        List<String> newestFirst = new ArrayList<>(names);
        java.util.Collections.reverse(newestFirst);
        assertEquals(newestFirst, readAll(admin, "-createdAt", prefix));
    }

    @Test
    void anUnknownOrderOrACursorOfAnotherOrderIsRefused() {
        String admin = admin();
        create(admin, "cursor-" + System.nanoTime() + "-a");
        create(admin, "cursor-" + System.nanoTime() + "-b");
        given().header("Authorization", admin).queryParam("sort", "password")
                .when().get("/api/auth/accounts")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("sort"));
        String byName = given().header("Authorization", admin).queryParam("limit", 1)
                .when().get("/api/auth/accounts").then().statusCode(200).extract().path("nextCursor");
        given().header("Authorization", admin).queryParam("sort", "-createdAt").queryParam("cursor", byName)
                .when().get("/api/auth/accounts")
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        given().header("Authorization", admin).queryParam("cursor", "not-a-cursor!")
                .when().get("/api/auth/accounts")
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
    }
}
