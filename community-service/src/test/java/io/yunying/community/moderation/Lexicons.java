package io.yunying.community.moderation;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.yunying.testsupport.TestTokens;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

/** Test helpers: list a word once (tests share one database), and run a check as a calling service. */
public final class Lexicons {

    private Lexicons() {
    }

    public static void ensure(String kind, String pattern, String category, String action) {
        String body = "{\"kind\": \"" + kind + "\", \"pattern\": \"" + pattern.replace("\\", "\\\\") + "\", \"category\": \""
                + category + "\"" + (action == null ? "" : ", \"action\": \"" + action + "\"") + "}";
        given().header("Authorization", TestTokens.moderator()).contentType(ContentType.JSON).body(body)
                .when().post("/api/community/moderation/lexicon")
                .then().statusCode(anyOf(is(201), is(409)));
    }

    public static ValidatableResponse check(String text) {
        return given().header("Authorization", TestTokens.service()).contentType(ContentType.JSON)
                .body(java.util.Map.of("text", text, "contentType", "post"))
                .when().post("/api/community/moderation/check").then().statusCode(200);
    }
}
