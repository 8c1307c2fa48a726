package io.yunying.content.feed;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.yunying.content.Api;
import io.yunying.content.FakeCommunity;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.TestClock;
import io.yunying.testsupport.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A page this replica holds is answered ahead of the REST layer: the answers must be the ones the REST layer gives,
 * byte for byte and header for header, and everything that is not a plain read by an admitted caller must still get
 * the REST layer's answer.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(FakeCommunity.class)
class CachedFeedRouteTest {

    private static final String APP = TestTokens.appUser("cached-reader");

    @Inject
    TestClock clock;

    private String key;

    @BeforeEach
    void aFeedWithOneItem() {
        // a frozen clock keeps the rendered page cached for the whole test
        clock.set(Instant.now());
        String tag = Api.unique("cached");
        key = "tag-" + tag;
        Api.as(TestTokens.editor()).body(Map.of("title", "缓存路径 " + tag, "tag", tag)).put("/api/content/feeds/{key}", key)
                .then().statusCode(200);
        Api.published("缓存路径的内容", tag);
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private Response read(String token, String limit) {
        var request = given().header("Authorization", token);
        if (limit != null) {
            request.queryParam("limit", limit);
        }
        return request.get("/api/content/feeds/{key}", key);
    }

    @Test
    void aCachedPageIsAnsweredAsTheRenderedOneWas() {
        Response rendered = read(APP, "5");
        rendered.then().statusCode(200);
        Response cached = read(APP, "5");
        cached.then().statusCode(200);

        assertArrayEquals(rendered.asByteArray(), cached.asByteArray());
        for (String header : new String[] {"ETag", "Cache-Control", "Content-Type", "Content-Length"}) {
            assertNotNull(rendered.header(header), header);
            assertEquals(rendered.header(header), cached.header(header), header);
        }
        cached.then().header("Cache-Control", containsString("max-age=15")).header("X-Request-Id", notNullValue());

        given().header("Authorization", APP).header("X-Request-Id", "cached-feed-7").queryParam("limit", 5)
                .get("/api/content/feeds/{key}", key)
                .then().statusCode(200).header("X-Request-Id", "cached-feed-7");
        given().header("Authorization", TestTokens.editor()).header("If-None-Match", "\"other\", " + cached.header("ETag"))
                .queryParam("limit", 5).get("/api/content/feeds/{key}", key)
                .then().statusCode(304).header("ETag", cached.header("ETag")).header("Cache-Control", cached.header("Cache-Control"));
    }

    @Test
    void callersTheResourceRefusesAreRefusedForACachedPageToo() {
        read(APP, null).then().statusCode(200);

        given().get("/api/content/feeds/{key}", key)
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer")).body("requestId", notNullValue());
        read(TestTokens.expired("cached-reader", "app-user"), null).then().statusCode(401);
        read(TestTokens.foreign("cached-reader", "app-user"), null).then().statusCode(401);
        read(TestTokens.operator(), null).then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:yunying:problem:forbidden"));
        read(TestTokens.service(), null).then().statusCode(403);
    }

    @Test
    void requestsThatAreNotPlainReadsGetTheResourcesAnswer() {
        read(APP, "5").then().statusCode(200);

        read(APP, "0").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        read(APP, "101").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        given().header("Authorization", APP).queryParam("limit", 5).queryParam("cursor", "garbage")
                .get("/api/content/feeds/{key}", key).then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        given().header("Authorization", APP).header("Accept", "text/html").queryParam("limit", 5)
                .get("/api/content/feeds/{key}", key).then().statusCode(406);
        given().header("Authorization", APP).get("/api/content/feeds/{key}", "no-such-" + key).then().statusCode(404);
    }
}
