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
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(FakeCommunity.class)
class FeedTest {

    private static final String APP = TestTokens.appUser("reader-1");

    @Inject
    TestClock clock;

    @Inject
    Ranking ranking;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static String feedFor(String tag) {
        String key = "tag-" + tag;
        Api.as(TestTokens.editor()).body(Map.of("title", "专属 " + tag, "tag", tag)).put("/api/content/feeds/{key}", key)
                .then().statusCode(200).body("tag", equalTo(tag));
        return key;
    }

    private static Response page(String key, String cursor, int limit) {
        var request = Api.as(APP).queryParam("limit", limit);
        if (cursor != null) {
            request.queryParam("cursor", cursor);
        }
        return request.get("/api/content/feeds/{key}", key);
    }

    @Test
    void activePinsComeFirstThenTheRankedRestWithoutDuplicates() {
        String tag = Api.unique("pins");
        String key = feedFor(tag);
        List<String> ranked = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ranked.add(Api.published("排序 " + i, tag));
        }
        String pinned = ranked.get(0);
        String expired = Api.published("过期置顶", tag);
        Instant now = Instant.now();
        Api.as(TestTokens.editor()).body(Map.of("pins", List.of(
                        Map.of("position", 1, "itemId", pinned),
                        Map.of("position", 2, "itemId", expired, "endsAt", now.minusSeconds(60).toString()))))
                .put("/api/content/feeds/{key}/pins", key).then().statusCode(200).body("pins", hasSize(2));

        List<String> ids = page(key, null, 10).then().statusCode(200)
                .body("items[0].id", equalTo(pinned))
                .body("items[0].pinned", equalTo(true))
                .body("items[1].pinned", equalTo(false))
                .body("items[0].counts.views", equalTo(0))
                .body("items[0].title", equalTo("排序 0"))
                .extract().path("items.id");
        assertEquals(5, ids.size());
        assertEquals(5, new HashSet<>(ids).size(), "a pinned item is not repeated in the ranked part");
    }

    @Test
    void pagingIsStableWhileNewItemsArePublished() {
        String tag = Api.unique("paging");
        String key = feedFor(tag);
        Set<String> existing = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            existing.add(Api.published("翻页 " + i, tag));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Response r = page(key, cursor, 3);
            r.then().statusCode(200);
            seen.addAll(r.path("items.id"));
            cursor = r.path("nextCursor");
            // someone publishes while the reader pages
            Api.published("翻页中新发布 " + UUID.randomUUID(), tag);
        } while (cursor != null);

        assertEquals(seen.size(), new HashSet<>(seen).size(), "no item twice: " + seen);
        assertTrue(seen.containsAll(existing), "no existing item skipped: " + seen);
    }

    @Test
    void anUnchangedPageAnswers304AndCarriesCacheControl() {
        String tag = Api.unique("etag");
        String key = feedFor(tag);
        Api.published("缓存", tag);
        Response first = page(key, null, 10);
        first.then().statusCode(200).header("ETag", notNullValue()).header("Cache-Control", containsString("max-age=15"));
        String etag = first.header("ETag");

        Api.as(APP).header("If-None-Match", etag).get("/api/content/feeds/{key}", key)
                .then().statusCode(304).header("ETag", equalTo(etag));

        Api.published("新内容让 ETag 变化", tag);
        Api.as(APP).header("If-None-Match", etag).get("/api/content/feeds/{key}", key).then().statusCode(200);
    }

    @Test
    void aRenderedPageIsReusedBrieflyAndChangesShowAfterItsTimeToLive() {
        clock.set(Instant.now());
        String tag = Api.unique("cache");
        String key = feedFor(tag);
        String id = Api.published("缓存的页面", tag);
        page(key, null, 10).then().statusCode(200).body("items[0].counts.views", equalTo(0));
        Api.as(APP).body(Map.of("events", List.of(Map.of("id", UUID.randomUUID().toString(), "itemId", id, "kind", "VIEW"))))
                .post("/api/content/engagement").then().statusCode(202);

        page(key, null, 10).then().statusCode(200).body("items[0].counts.views", equalTo(0));
        clock.advance(Duration.ofMillis(1001));
        page(key, null, 10).then().statusCode(200).body("items[0].counts.views", equalTo(1));
    }

    @Test
    void theDetailViewAnswers304Too() {
        String id = Api.published("详情");
        String etag = Api.as(APP).get("/api/content/published/{id}", id).then().statusCode(200)
                .body("body", equalTo("<p>正文 详情</p>")).extract().header("ETag");
        Api.as(APP).header("If-None-Match", etag).get("/api/content/published/{id}", id).then().statusCode(304);
        Api.as(APP).get("/api/content/published/{id}", Api.draft("未发布", null)).then().statusCode(404);
    }

    @Test
    void engagementRaisesAnItemAfterTheRankingRuns() {
        String tag = Api.unique("rank");
        String key = feedFor(tag);
        String quiet = Api.published("冷门", tag);
        String popular = Api.published("热门", tag);
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(Map.of("id", UUID.randomUUID().toString(), "itemId", quiet, "kind", "LIKE"));
        }
        events.add(Map.of("id", UUID.randomUUID().toString(), "itemId", popular, "kind", "VIEW"));
        Api.as(APP).body(Map.of("events", events)).post("/api/content/engagement").then().statusCode(202);

        ranking.recompute().await().indefinitely();
        page(key, null, 10).then().statusCode(200)
                .body("items.id", contains(quiet, popular))
                .body("items[0].counts.likes", equalTo(5));
    }

    @Test
    void oldItemsDropToTheCutOffAndRankByRecency() {
        String tag = Api.unique("aged");
        String key = feedFor(tag);
        clock.set(Instant.now().minus(Duration.ofDays(30)));
        String old = Api.published("一个月前", tag);
        clock.reset();
        String fresh = Api.published("刚刚", tag);
        ranking.recompute().await().indefinitely();
        page(key, null, 10).then().statusCode(200).body("items.id", contains(fresh, old));
        assertEquals(0.0, Double.parseDouble(io.yunying.testsupport.Sql.string("select score::text from published_content where id = ?",
                UUID.fromString(old))));
    }

    @Test
    void everyCategoryHasAFeedAndUnknownFeedsAre404() {
        String category = Api.category(false);
        String id = Api.publishedIn(category, "分类内容");
        page("category:" + category, null, 10).then().statusCode(200).body("items.id", contains(id));
        page("no-such-feed", null, 10).then().statusCode(404);
        page("category:" + category, "garbage", 10).then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        page("category:" + category, null, 1000).then().statusCode(400).body("errors[0].field", equalTo("limit"));
    }

    @Test
    void aFeedCanShowOneCollection() {
        String slug = Api.unique("topic");
        String member = Api.published("专题成员");
        Api.published("非成员");
        Api.as(TestTokens.editor()).body(Map.of("title", "专题")).put("/api/content/collections/{slug}", slug).then().statusCode(200);
        Api.as(TestTokens.editor()).body(Map.of("itemIds", List.of(member))).put("/api/content/collections/{slug}/items", slug)
                .then().statusCode(200);
        Api.as(TestTokens.editor()).body(Map.of("title", "专题推荐", "collection", slug)).put("/api/content/feeds/{key}", "topic-" + slug)
                .then().statusCode(200).body("collection", equalTo(slug));
        page("topic-" + slug, null, 10).then().statusCode(200).body("items.id", contains(member));

        page("collection:" + slug, null, 10).then().statusCode(404);
        Api.post(TestTokens.editor(), "/api/content/collections/{slug}/publish", slug).statusCode(200);
        page("collection:" + slug, null, 10).then().statusCode(200).body("items.id", contains(member));
        Api.as(TestTokens.editor()).body(Map.of("title", "不存在", "collection", "no-such-topic")).put("/api/content/feeds/{key}", "bad-topic")
                .then().statusCode(400).body("errors[0].field", equalTo("collection"));
    }

    @Test
    void pinsFillingTheFirstPageHandOverToTheRanking() {
        String tag = Api.unique("full");
        String key = feedFor(tag);
        String a = Api.published("置顶一", tag);
        String b = Api.published("置顶二", tag);
        String c = Api.published("普通", tag);
        Api.as(TestTokens.editor()).body(Map.of("pins", List.of(Map.of("position", 1, "itemId", a), Map.of("position", 2, "itemId", b))))
                .put("/api/content/feeds/{key}/pins", key).then().statusCode(200);
        String next = page(key, null, 2).then().statusCode(200).body("items.id", contains(a, b)).extract().path("nextCursor");
        page(key, next, 2).then().statusCode(200).body("items.id", contains(c)).body("nextCursor", nullValue());
    }
}
