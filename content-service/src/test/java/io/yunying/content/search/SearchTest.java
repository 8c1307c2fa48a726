package io.yunying.content.search;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.yunying.content.Api;
import io.yunying.content.FakeCommunity;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(FakeCommunity.class)
class SearchTest {

    private static final String APP = TestTokens.appUser("searcher");

    @Test
    void chineseSubstringsAndEnglishWordsAreFoundInPublishedContentOnly() {
        String tag = Api.unique("search");
        String chinese = Api.published("上海武康路的梧桐树", tag);
        String english = Api.published("A Retention Playbook", tag);
        String draft = Api.draft("武康路草稿", null);

        Api.as(APP).queryParam("q", "武康路").queryParam("tag", tag).get("/api/content/search").then().statusCode(200)
                .body("items.id", contains(chinese));
        Api.as(APP).queryParam("q", "康路").get("/api/content/search").then().statusCode(200)
                .body("items.id", hasItem(chinese)).body("items.id", not(hasItem(draft)));
        Api.as(APP).queryParam("q", "retention PLAY").queryParam("tag", tag).get("/api/content/search").then().statusCode(200)
                .body("items.id", contains(english));
        Api.as(APP).queryParam("q", "正文 上海").queryParam("tag", tag).get("/api/content/search").then().statusCode(200)
                .body("items.id", contains(chinese));
    }

    @Test
    void filtersNarrowTheResultsAndWildcardsAreLiteral() {
        String category = Api.category(false);
        String inCategory = Api.publishedIn(category, "分类里的文章 100%");
        Api.published("分类外的文章");
        Api.as(APP).queryParam("q", "文章").queryParam("category", category).get("/api/content/search").then().statusCode(200)
                .body("items.id", contains(inCategory));
        Api.as(APP).queryParam("q", "100%").queryParam("category", category).get("/api/content/search").then().statusCode(200)
                .body("items.id", contains(inCategory));
        Api.as(APP).queryParam("q", "_").queryParam("category", category).get("/api/content/search").then().statusCode(200)
                .body("items.size()", equalTo(0));
        Api.as(APP).queryParam("type", "VIDEO").queryParam("category", category).get("/api/content/search").then().statusCode(200)
                .body("items.size()", equalTo(0));
        Api.as(APP).queryParam("author", "editor-li").queryParam("category", category)
                .queryParam("from", "2000-01-01T00:00:00Z").get("/api/content/search").then().statusCode(200)
                .body("items.id", contains(inCategory));
    }

    @Test
    void resultsArePagedByCursor() {
        String tag = Api.unique("pages");
        String older = Api.published("分页一", tag);
        String newer = Api.published("分页二", tag);
        String cursor = Api.as(APP).queryParam("tag", tag).queryParam("limit", 1).get("/api/content/search").then().statusCode(200)
                .body("items.id", contains(newer)).extract().path("nextCursor");
        Api.as(APP).queryParam("tag", tag).queryParam("limit", 1).queryParam("cursor", cursor).get("/api/content/search").then()
                .statusCode(200).body("items.id", contains(older)).body("nextCursor", equalTo(null));
    }
}
