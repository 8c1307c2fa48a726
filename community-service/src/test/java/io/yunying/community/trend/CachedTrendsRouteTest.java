package io.yunying.community.trend;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.yunying.platform.http.CachedAnswers;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.yunying.community.trend.Trends.guide;
import static io.yunying.community.trend.Trends.ingest;
import static io.yunying.community.trend.Trends.recompute;
import static io.yunying.community.trend.Trends.topic;
import static io.yunying.community.trend.Trends.users;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The public list is answered from the replica's snapshot ahead of the REST layer: the answer must be the snapshot's
 * bytes with the resource's headers, and whatever is not a plain read by an admitted caller must get the resource's
 * own answer.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class CachedTrendsRouteTest {

    private static final String APP = TestTokens.appUser("list-reader");

    @Inject
    TrendingService trending;

    @BeforeEach
    void aListedTopic() {
        String tag = topic("route");
        ingest(users(tag, "r", 3, Instant.now().minusSeconds(5))).statusCode(202);
        guide(tag, "approve", Map.of("reason", "ok")).statusCode(200);
        recompute();
    }

    private static Response read(String token, String window, String limit) {
        var request = given().header("Authorization", token).queryParam("window", window);
        if (limit != null) {
            request.queryParam("limit", limit);
        }
        return request.get("/api/community/trends");
    }

    @Test
    void theSnapshotIsAnsweredWithTheResourcesHeaders() {
        Response answer = read(APP, "1h", "7");
        answer.then().statusCode(200).contentType("application/json")
                .header("Cache-Control", containsString("max-age=")).header("X-Request-Id", notNullValue())
                .body("window", equalTo("1h"));
        CachedAnswers.Answer snapshot = trending.snapshotList("1h", "7");
        assertArrayEquals(snapshot.body(), answer.asByteArray());
        assertEquals('"' + snapshot.tag().getValue() + '"', answer.header("ETag"));
        assertEquals(String.valueOf(snapshot.body().length), answer.header("Content-Length"));

        given().header("Authorization", TestTokens.moderator()).header("If-None-Match", "\"other\", " + answer.header("ETag"))
                .queryParam("window", "1h").queryParam("limit", 7).get("/api/community/trends")
                .then().statusCode(304).header("ETag", answer.header("ETag")).header("Cache-Control", answer.header("Cache-Control"));
        given().header("Authorization", APP).header("X-Request-Id", "cached-trends-1").queryParam("window", "1h")
                .get("/api/community/trends").then().statusCode(200).header("X-Request-Id", "cached-trends-1");
    }

    @Test
    void callersTheResourceRefusesAreRefused() {
        read(APP, "rising", null).then().statusCode(200);

        given().queryParam("window", "rising").get("/api/community/trends")
                .then().statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", containsString("Bearer"));
        read(TestTokens.expired("list-reader", "app-user"), "rising", null).then().statusCode(401);
        read(TestTokens.foreign("list-reader", "app-user"), "rising", null).then().statusCode(401);
        read(TestTokens.service(), "rising", null).then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:yunying:problem:forbidden"));
    }

    @Test
    void requestsTheSnapshotCannotAnswerGetTheResourcesAnswer() {
        read(APP, "24h", "5").then().statusCode(200);

        read(APP, "24h", "0").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        // not a number: the resource's answer, which for an unconvertible query parameter is JAX-RS' 404
        read(APP, "24h", "x").then().statusCode(404).contentType("application/problem+json");
        read(APP, "30d", null).then().statusCode(400).body("errors[0].field", equalTo("window"));
        given().header("Authorization", APP).header("Accept", "text/html").get("/api/community/trends").then().statusCode(406);
    }
}
