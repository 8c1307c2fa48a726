package io.yunying.community.post;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.yunying.testsupport.TestTokens;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

/** Test helpers for the community workflow, all through the HTTP API. */
final class Community {

    private Community() {
    }

    static String member() {
        return "member-" + UUID.randomUUID();
    }

    static void board(String slug) {
        given().header("Authorization", TestTokens.moderator()).contentType(ContentType.JSON)
                .body(Map.of("slug", slug, "name", slug)).when().post("/api/community/boards")
                .then().statusCode(anyOf(is(201), is(409)));
    }

    static ValidatableResponse post(String user, String board, String body) {
        return given().header("Authorization", TestTokens.appUser(user)).contentType(ContentType.JSON)
                .body(Map.of("title", "标题", "body", body)).when().post("/api/community/boards/" + board + "/posts").then();
    }

    static String published(String user, String board, String body) {
        return post(user, board, body).statusCode(201).extract().path("post.id");
    }

    static ValidatableResponse report(String user, String postId, String reason) {
        return given().header("Authorization", TestTokens.appUser(user)).contentType(ContentType.JSON)
                .body(Map.of("postId", postId, "reason", reason)).when().post("/api/community/reports").then();
    }

    static ValidatableResponse sanction(String user, String type, Integer hours) {
        String body = "{\"userId\": \"" + user + "\", \"type\": \"" + type + "\", \"reason\": \"辱骂他人\""
                + (hours == null ? "" : ", \"durationHours\": " + hours) + "}";
        return given().header("Authorization", TestTokens.moderator()).contentType(ContentType.JSON).body(body)
                .when().post("/api/community/sanctions").then();
    }

    static ValidatableResponse as(String token, String method, String path, String body) {
        var request = given().header("Authorization", token);
        if (body != null) {
            request = request.contentType(ContentType.JSON).body(body);
        }
        return request.when().request(method, path).then();
    }
}
