package io.yunying.community.signal;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.Sql;
import io.yunying.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class SignalResourceTest {

    private static String published(UUID id, String author, String... tags) {
        return """
                {"id": "%s", "type": "content.published", "occurredAt": "2026-11-22T08:00:00Z", "source": "content-service",
                 "data": {"id": "%s", "author": "%s", "tags": ["%s"]}}
                """.formatted(id, UUID.randomUUID(), author, String.join("\", \"", tags));
    }

    @Test
    void eventsAreTakenInOnceAndBecomeTopicSignals() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID engagement = UUID.randomUUID();
        String batch = "[" + published(first, "editor-li", "世界杯", "WorldCup ") + ","
                + published(second, "editor-wang", "世界杯") + ","
                + """
                {"id": "%s", "type": "content.tag-engagement", "occurredAt": "2026-11-22T08:01:00Z", "source": "content-service",
                 "data": {"tags": [{"tag": "世界杯", "views": 100, "likes": 5, "comments": 2, "shares": 1}]}}
                """.formatted(engagement) + "]";

        given().header("Authorization", TestTokens.service()).contentType(ContentType.JSON).body(batch)
                .when().post("/api/community/events")
                .then().statusCode(202)
                .body("received", equalTo(3)).body("accepted", equalTo(3)).body("duplicates", equalTo(0))
                .body("signals", equalTo(4));

        assertEquals(2, Sql.count("select count(distinct actor) from topic_signal where topic = '世界杯' and kind = 'published'"));
        assertEquals(1, Sql.count("select count(*) from topic_signal where topic = 'worldcup'"));
        // views/10 + likes + 2·comments + 3·shares = 10 + 5 + 4 + 3
        assertEquals(22, Sql.count("select weight::bigint from topic_signal where event_id = ?", engagement));

        // the relay delivers the same batch again: nothing changes
        given().header("Authorization", TestTokens.service()).contentType(ContentType.JSON).body(batch)
                .when().post("/api/community/events")
                .then().statusCode(202)
                .body("accepted", equalTo(0)).body("duplicates", equalTo(3)).body("signals", equalTo(0));
        assertEquals(3, Sql.count("select count(*) from inbound_event where id in (?, ?, ?)", first, second, engagement));
        assertEquals(4, Sql.count("select count(*) from topic_signal where event_id in (?, ?, ?)", first, second, engagement));
    }

    @Test
    void publishedTitlesFeedEmergingPhrasesOncePerEvent() {
        UUID id = UUID.randomUUID();
        String author = "editor-" + UUID.randomUUID().toString().substring(0, 8);
        String batch = """
                [{"id": "%s", "type": "content.published", "occurredAt": "2026-11-22T08:07:00Z", "source": "content-service",
                  "data": {"id": "%s", "author": "%s", "title": "村超足球决赛今晚开踢", "tags": []}}]
                """.formatted(id, UUID.randomUUID(), author);
        for (int delivery = 0; delivery < 2; delivery++) {
            given().header("Authorization", TestTokens.service()).contentType(ContentType.JSON).body(batch)
                    .when().post("/api/community/events").then().statusCode(202);
        }
        // the title's phrases count as the author's, in the 10-minute bucket of the publication
        assertEquals(1, Sql.count("select count(*) from phrase_mention where phrase = '村超足球' and author = ? and bucket = '2026-11-22T08:00:00Z'",
                author));
        assertEquals(1, Sql.count("select count(*) from phrase_mention where phrase = '决赛' and author = ?", author));
        // an event without a title or author adds no phrase
        given().header("Authorization", TestTokens.service()).contentType(ContentType.JSON)
                .body("[" + published(UUID.randomUUID(), author, "t") + "]")
                .when().post("/api/community/events").then().statusCode(202);
        assertEquals(0, Sql.count("select count(*) from phrase_mention where author = ? and phrase = 't'", author));
    }

    @Test
    void anIncompleteEventRefusesTheWholeBatch() {
        UUID good = UUID.randomUUID();
        String batch = "[" + published(good, "a", "t") + ", {\"id\": \"" + UUID.randomUUID() + "\", \"type\": \"x\"}]";
        given().header("Authorization", TestTokens.service()).contentType(ContentType.JSON).body(batch)
                .when().post("/api/community/events")
                .then().statusCode(400)
                .contentType("application/problem+json");
        assertEquals(0, Sql.count("select count(*) from inbound_event where id = ?", good));
    }

    @Test
    void onlyServicesDeliverEvents() {
        given().header("Authorization", TestTokens.appUser("u-1")).contentType(ContentType.JSON)
                .body("[" + published(UUID.randomUUID(), "a", "t") + "]")
                .when().post("/api/community/events")
                .then().statusCode(403);
        given().header("Authorization", TestTokens.service()).contentType(ContentType.JSON).body("[]")
                .when().post("/api/community/events")
                .then().statusCode(400);
    }
}
