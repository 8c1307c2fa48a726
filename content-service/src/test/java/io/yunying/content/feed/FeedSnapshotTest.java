package io.yunying.content.feed;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.yunying.content.Api;
import io.yunying.content.FakeCommunity;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.Sql;
import io.yunying.testsupport.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** A client paging through a feed while the ranking is recomputed sees every item once, in the ranking it started with. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(FakeCommunity.class)
class FeedSnapshotTest {

    private static final String APP = TestTokens.appUser("snapshot-reader");

    @Inject
    Ranking ranking;

    private static String feedFor(String tag) {
        String key = "snap-" + tag;
        Api.as(TestTokens.editor()).body(Map.of("title", "快照 " + tag, "tag", tag)).put("/api/content/feeds/{key}", key)
                .then().statusCode(200);
        return key;
    }

    private static Response page(String key, String cursor) {
        var request = Api.as(APP).queryParam("limit", 3);
        if (cursor != null) {
            request.queryParam("cursor", cursor);
        }
        return request.get("/api/content/feeds/{key}", key);
    }

    /** Likes per item, written straight into the counters the ranking reads. */
    private static void likes(List<String> ids, boolean ascending) {
        for (int i = 0; i < ids.size(); i++) {
            int likes = ascending ? i * 10 : (ids.size() - i) * 10;
            Sql.count("""
                    with s as (insert into content_stats (item_id, likes) values (?, ?)
                               on conflict (item_id) do update set likes = excluded.likes returning 1)
                    select count(*) from s""", UUID.fromString(ids.get(i)), likes);
        }
    }

    @Test
    void pagingAcrossARankingRunNeitherRepeatsNorSkips() {
        String tag = Api.unique("snap");
        String key = feedFor(tag);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            ids.add(Api.published("快照 " + i, tag));
        }
        likes(ids, false); // item 0 most liked
        ranking.recompute().await().indefinitely();

        Response first = page(key, null);
        first.then().statusCode(200);
        List<String> seen = new ArrayList<>(first.jsonPath().getList("items.id"));
        assertEquals(ids.subList(0, 3), seen);

        // the ranking turns upside down while the reader is on page one
        likes(ids, true);
        ranking.recompute().await().indefinitely();
        String cursor = first.jsonPath().getString("nextCursor");
        while (cursor != null) {
            Response next = page(key, cursor);
            next.then().statusCode(200);
            seen.addAll(next.jsonPath().getList("items.id"));
            cursor = next.jsonPath().getString("nextCursor");
        }
        assertEquals(ids, seen, "the whole feed, once each, in the ranking the reader started in");
        assertEquals(seen.size(), new HashSet<>(seen).size());

        // a new reader gets the new ranking
        List<String> fresh = page(key, null).jsonPath().getList("items.id");
        assertEquals(List.of(ids.get(8), ids.get(7), ids.get(6)), fresh);
    }

    @Test
    void aCursorOlderThanThePreviousRankingIsGone() {
        String tag = Api.unique("gone");
        String key = feedFor(tag);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(Api.published("过期游标 " + i, tag));
        }
        ranking.recompute().await().indefinitely();
        String cursor = page(key, null).jsonPath().getString("nextCursor");
        ranking.recompute().await().indefinitely();
        page(key, cursor).then().statusCode(200);
        ranking.recompute().await().indefinitely();
        page(key, cursor).then().statusCode(410).contentType("application/problem+json")
                .body("type", equalTo("urn:yunying:problem:feed-cursor-expired"));
    }

    @Test
    void anItemPublishedWhileAReaderPagesAnOldRankingDoesNotShiftTheirPages() {
        String tag = Api.unique("newcomer");
        String key = feedFor(tag);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(Api.published("新来的 " + i, tag));
        }
        likes(ids, false);
        ranking.recompute().await().indefinitely();
        Response first = page(key, null);
        ranking.recompute().await().indefinitely();
        String late = Api.published("翻页时发布", tag);
        List<String> seen = new ArrayList<>(first.jsonPath().getList("items.id"));
        String cursor = first.jsonPath().getString("nextCursor");
        while (cursor != null) {
            Response next = page(key, cursor);
            seen.addAll(next.jsonPath().getList("items.id"));
            cursor = next.jsonPath().getString("nextCursor");
        }
        assertEquals(ids, seen);
        List<String> whole = Api.as(APP).queryParam("limit", 20).get("/api/content/feeds/{key}", key).jsonPath().getList("items.id");
        assertNotEquals(-1, whole.indexOf(late), "a new reader sees it");
    }
}
