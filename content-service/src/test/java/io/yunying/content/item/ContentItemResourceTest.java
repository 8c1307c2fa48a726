package io.yunying.content.item;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.yunying.content.FakeCommunity;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.Sql;
import io.yunying.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(FakeCommunity.class)
class ContentItemResourceTest {

    private static String draft(String slug) {
        return """
                {"type": "ARTICLE", "source": "PGC", "title": "  春节档电影盘点  ", "summary": "六部影片",
                 "slug": "%s", "author": "editor-li"}
                """.formatted(slug);
    }

    @Test
    void aDraftIsStoredAndCanBeFetched() {
        String id = given().header("Authorization", TestTokens.editor()).contentType(ContentType.JSON).body(draft("spring-movies"))
                .when().post("/api/content/items")
                .then().statusCode(201)
                .header("Location", containsString("/api/content/items/"))
                .header("ETag", equalTo("\"0\""))
                .body("state", equalTo("DRAFT"))
                .body("title", equalTo("春节档电影盘点"))
                .body("locale", equalTo("zh-CN"))
                .extract().path("id");

        assertEquals("DRAFT", Sql.string("select state from content_item where id = ?", UUID.fromString(id)));

        given().header("Authorization", TestTokens.editor()).when().get("/api/content/items/{id}", id)
                .then().statusCode(200)
                .header("ETag", equalTo("\"0\""))
                .body("slug", equalTo("spring-movies"))
                .body("type", equalTo("ARTICLE"))
                .body("source", equalTo("PGC"))
                .body("author", equalTo("editor-li"));
    }

    @Test
    void aTakenSlugIsAConflictAndStoresNothing() {
        given().header("Authorization", TestTokens.editor()).contentType(ContentType.JSON).body(draft("only-once")).when().post("/api/content/items")
                .then().statusCode(201);

        given().header("Authorization", TestTokens.editor()).contentType(ContentType.JSON).body(draft("only-once")).when().post("/api/content/items")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:yunying:problem:slug-taken"))
                .body("slug", equalTo("only-once"));

        assertEquals(1, Sql.count("select count(*) from content_item where slug = ?", "only-once"));
    }

    @Test
    void invalidFieldsAreNamed() {
        given().header("Authorization", TestTokens.editor()).contentType(ContentType.JSON)
                .body("""
                        {"type": "ARTICLE", "source": "PGC", "title": " ", "slug": "Not A Slug", "author": "a", "locale": "chinese"}
                        """)
                .when().post("/api/content/items")
                .then().statusCode(400)
                .body("errors.field", hasItems("title", "slug", "locale"));
    }

    @Test
    void anUnknownEnumValueListsTheAllowedOnes() {
        given().header("Authorization", TestTokens.editor()).contentType(ContentType.JSON)
                .body("""
                        {"type": "ARTICLE", "source": "AI", "title": "t", "slug": "enum-values", "author": "a"}
                        """)
                .when().post("/api/content/items")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("source"))
                .body("errors[0].message", equalTo("unknown value; allowed: PGC, UGC"))
                .body("errors[0].rejected", equalTo("AI"));
        assertEquals(0, Sql.count("select count(*) from content_item where slug = 'enum-values'"));
    }

    @Test
    void anUnknownItemIsA404Problem() {
        given().header("Authorization", TestTokens.editor()).when().get("/api/content/items/{id}", UUID.randomUUID())
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:yunying:problem:not-found"));
    }

    @Test
    void healthReportsTheDatabaseAndMetricsAreExposed() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(containsString("PostgreSQL")));
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("http_server_requests"));
        given().when().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body("paths.'/api/content/items'.post.summary", equalTo("Create a draft"));
    }
}
