package io.yunying.content.engagement;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.yunying.content.Api;
import io.yunying.content.FakeCommunity;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.Sql;
import io.yunying.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(FakeCommunity.class)
class EngagementTest {

    private static Map<String, Object> event(String id, String item, String kind, Long value) {
        return value == null ? Map.of("id", id, "itemId", item, "kind", kind) : Map.of("id", id, "itemId", item, "kind", kind, "value", value);
    }

    @Test
    void aBatchIsCountedOncePerEventIdAndSummedPerItem() {
        String tag = Api.unique("engage");
        String item = Api.published("互动", tag);
        String view1 = UUID.randomUUID().toString();
        List<Map<String, Object>> batch = List.of(
                event(view1, item, "VIEW", null),
                event(view1, item, "VIEW", null),
                event(UUID.randomUUID().toString(), item, "VIEW", null),
                event(UUID.randomUUID().toString(), item, "LIKE", null),
                event(UUID.randomUUID().toString(), item, "SHARE", null),
                event(UUID.randomUUID().toString(), item, "COMMENT", 3L),
                event(UUID.randomUUID().toString(), item, "READ_TIME", 95L));

        Api.as(TestTokens.appUser("u-1")).body(Map.of("events", batch)).post("/api/content/engagement")
                .then().statusCode(202).body("received", equalTo(7)).body("accepted", equalTo(6)).body("duplicates", equalTo(1));
        // the app resends the same batch: nothing changes
        Api.as(TestTokens.appUser("u-1")).body(Map.of("events", batch)).post("/api/content/engagement")
                .then().statusCode(202).body("accepted", equalTo(0)).body("duplicates", equalTo(7));

        UUID id = UUID.fromString(item);
        assertEquals(2, Sql.count("select views from content_stats where item_id = ?", id));
        assertEquals(1, Sql.count("select likes from content_stats where item_id = ?", id));
        assertEquals(1, Sql.count("select shares from content_stats where item_id = ?", id));
        assertEquals(3, Sql.count("select comments from content_stats where item_id = ?", id));
        assertEquals(95, Sql.count("select read_seconds from content_stats where item_id = ?", id));
        assertEquals(1, Sql.count("select count(*) from content_stats where item_id = ?", id), "one counter row per item");

        Api.as(TestTokens.appUser("u-1")).body(Map.of("events", List.of(event(UUID.randomUUID().toString(), item, "UNLIKE", null),
                        event(UUID.randomUUID().toString(), item, "UNLIKE", null)))).post("/api/content/engagement")
                .then().statusCode(202);
        assertEquals(0, Sql.count("select likes from content_stats where item_id = ?", id), "likes never go below zero");

        assertEquals(1, Sql.count("""
                select count(*) from outbox_event, jsonb_array_elements(data->'tags') t
                where type = 'content.tag-engagement' and t->>'tag' = ? and (t->>'views')::int = 2""", tag));
    }

    @Test
    void eventsForItemsThatAreNotLiveAreNotCounted() {
        String draft = Api.draft("未发布", null);
        Api.as(TestTokens.appUser("u-1")).body(Map.of("events", List.of(event(UUID.randomUUID().toString(), draft, "VIEW", null))))
                .post("/api/content/engagement").then().statusCode(202);
        assertEquals(0, Sql.count("select count(*) from content_stats where item_id = ?", UUID.fromString(draft)));
    }

    @Test
    void aBatchIsValidated() {
        Api.as(TestTokens.appUser("u-1")).body(Map.of("events", List.of(Map.of("id", UUID.randomUUID().toString(), "kind", "STARE"))))
                .post("/api/content/engagement").then().statusCode(400);
        Api.as(TestTokens.appUser("u-1")).body(Map.of("events", List.of())).post("/api/content/engagement").then().statusCode(400);
    }
}
