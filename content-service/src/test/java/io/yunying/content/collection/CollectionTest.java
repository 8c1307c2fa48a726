package io.yunying.content.collection;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.yunying.content.Api;
import io.yunying.content.FakeCommunity;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(FakeCommunity.class)
class CollectionTest {

    @Test
    void aCollectionKeepsItsCuratedOrderAndIsVisibleToAppsOnceItIsPublished() {
        String slug = Api.unique("spring-festival");
        String first = Api.published("专题第一篇");
        String second = Api.published("专题第二篇");
        String unpublished = Api.draft("还没发布", null);
        Api.as(TestTokens.editor()).body(Map.of("title", "春节档专题", "description", "六部影片"))
                .put("/api/content/collections/{slug}", slug).then().statusCode(200).body("state", equalTo("DRAFT"));
        Api.as(TestTokens.editor()).body(Map.of("itemIds", List.of(second, unpublished, first)))
                .put("/api/content/collections/{slug}/items", slug).then().statusCode(200)
                .body("itemIds", contains(second, unpublished, first))
                .body("items.id", contains(second, first));

        Api.as(TestTokens.appUser("u-1")).get("/api/content/collections/{slug}", slug).then().statusCode(404);
        Api.post(TestTokens.editor(), "/api/content/collections/{slug}/publish", slug).statusCode(200).body("state", equalTo("PUBLISHED"));
        Api.post(TestTokens.editor(), "/api/content/collections/{slug}/publish", slug).statusCode(409);
        Api.as(TestTokens.appUser("u-1")).get("/api/content/collections/{slug}", slug).then().statusCode(200)
                .body("title", equalTo("春节档专题"))
                .body("items.id", contains(second, first))
                .body("itemIds", equalTo(null));
        Api.as(TestTokens.appUser("u-1")).get("/api/content/published/{id}", first).then().statusCode(200)
                .body("collections", hasItem(slug));
        Api.as(TestTokens.editor()).body(Map.of("itemIds", List.of(first, first)))
                .put("/api/content/collections/{slug}/items", slug).then().statusCode(400);
    }
}
