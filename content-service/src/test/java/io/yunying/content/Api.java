package io.yunying.content;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.yunying.testsupport.TestTokens;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;

/** Drives the API the way the admin UI and apps do, to put items into the states a test needs. */
public final class Api {

    private static final AtomicLong SEQ = new AtomicLong(System.nanoTime() % 1_000_000);

    private Api() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + SEQ.incrementAndGet();
    }

    public static RequestSpecification as(String token) {
        return given().header("Authorization", token).contentType(ContentType.JSON);
    }

    public static String category(boolean requiresReview) {
        String slug = unique(requiresReview ? "reviewed" : "open");
        as(TestTokens.editor()).body(Map.of("slug", slug, "name", "分类 " + slug, "requiresReview", requiresReview))
                .put("/api/content/categories/{slug}", slug).then().statusCode(200);
        return slug;
    }

    public static String draft(String title, String category, String... tags) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("type", "ARTICLE");
        body.put("source", "PGC");
        body.put("title", title);
        body.put("summary", "摘要 " + title);
        body.put("slug", unique("item"));
        body.put("author", "editor-li");
        body.put("body", "<p>正文 " + title + "</p>");
        if (category != null) {
            body.put("category", category);
        }
        body.put("tags", java.util.List.of(tags));
        return as(TestTokens.editor()).body(body).post("/api/content/items").then().statusCode(201).extract().path("id");
    }

    public static ValidatableResponse post(String token, String path, Object... params) {
        return as(token).post(path, params).then();
    }

    public static ValidatableResponse send(String token, Object body, String path, Object... params) {
        return as(token).body(body).post(path, params).then();
    }

    public static String state(String id) {
        return io.yunying.testsupport.Sql.string("select state from content_item where id = ?", UUID.fromString(id));
    }

    public static long version(String id) {
        return io.yunying.testsupport.Sql.count("select version from content_item where id = ?", UUID.fromString(id));
    }

    /** A PGC item approved by policy (its category needs no review). */
    public static String approved(String title, String... tags) {
        String id = draft(title, null, tags);
        post(TestTokens.editor(), "/api/content/items/{id}/submit", id).statusCode(200);
        return id;
    }

    public static String published(String title, String... tags) {
        String id = approved(title, tags);
        post(TestTokens.editor(), "/api/content/items/{id}/publish", id).statusCode(200);
        return id;
    }

    public static String publishedIn(String category, String title, String... tags) {
        String id = draft(title, category, tags);
        post(TestTokens.editor(), "/api/content/items/{id}/submit", id).statusCode(200);
        post(TestTokens.editor(), "/api/content/items/{id}/publish", id).statusCode(200);
        return id;
    }

    public static String submittedForReview(String title) {
        String id = draft(title, category(true));
        post(TestTokens.editor(), "/api/content/items/{id}/submit", id).statusCode(200);
        return id;
    }

    public static ValidatableResponse schedule(String id, Instant at) {
        return send(TestTokens.editor(), Map.of("publishAt", at.toString()), "/api/content/items/{id}/schedule", id);
    }

    public static ValidatableResponse edit(String id, Map<String, Object> fields) {
        return given().header("Authorization", TestTokens.editor()).contentType(ContentType.JSON)
                .header("If-Match", "\"" + version(id) + "\"").body(fields)
                .put("/api/content/items/{id}", id).then();
    }
}
