package io.yunying.content.revision;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.yunying.content.Api;
import io.yunying.content.FakeCommunity;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.Sql;
import io.yunying.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.yunying.content.Api.post;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(FakeCommunity.class)
class RevisionTest {

    @Test
    void everySaveKeepsARevisionWithWhoAndWhatChanged() {
        String id = Api.draft("第一版", null);
        Api.edit(id, Map.of("title", "第二版", "body", "<p>正文 第一版</p>")).statusCode(200).body("revision", equalTo(2));
        Api.edit(id, Map.of("title", "第二版", "body", "<p>全新正文</p>", "tags", java.util.List.of("Movies"))).statusCode(200)
                .body("revision", equalTo(3)).body("tags", contains("movies"));

        Api.as(TestTokens.editor()).get("/api/content/items/{id}/revisions", id).then().statusCode(200)
                .body("number", contains(3, 2, 1))
                .body("[0].changed", contains("body", "tags"))
                .body("[1].changed", contains("title", "summary"))
                .body("[0].savedBy", equalTo("editor-test"));
    }

    @Test
    void twoRevisionsCanBeCompared() {
        String id = Api.draft("对比", null);
        Api.edit(id, Map.of("title", "对比后", "body", "<p>第一段</p><p>第二段</p>", "summary", "摘要 对比")).statusCode(200);
        Api.as(TestTokens.reviewer()).get("/api/content/items/{id}/revisions/1/diff/2", id).then().statusCode(200)
                .body("fields.field", contains("title"))
                .body("fields[0].before", equalTo("对比"))
                .body("fields[0].after", equalTo("对比后"))
                .body("body", hasItem("-<p>正文 对比</p>"))
                .body("body", hasItem("+<p>第二段</p>"));
    }

    @Test
    void restoringSavesTheOldFieldsAsANewRevision() {
        String id = Api.draft("原标题", null);
        Api.edit(id, Map.of("title", "改坏了")).statusCode(200);
        given().header("Authorization", TestTokens.editor()).post("/api/content/items/{id}/revisions/1/restore", id)
                .then().statusCode(200)
                .body("title", equalTo("原标题"))
                .body("summary", equalTo("摘要 原标题"))
                .body("revision", equalTo(3));
        assertEquals(3, Sql.count("select count(*) from content_revision where item_id = ?", UUID.fromString(id)));
    }

    @Test
    void retentionIsBoundedButTheLiveRevisionIsKept() {
        String id = Api.published("保留上限");
        for (int i = 0; i < 9; i++) {
            Api.edit(id, Map.of("title", "第 " + i + " 次修改")).statusCode(200);
        }
        // cap 5 in tests: revisions 6..10 plus live revision 1
        Api.as(TestTokens.editor()).get("/api/content/items/{id}/revisions", id).then().statusCode(200)
                .body("number", contains(10, 9, 8, 7, 6, 1));
        Api.as(TestTokens.editor()).get("/api/content/items/{id}/revisions/2", id).then().statusCode(404);
    }

    @Test
    void editingAPublishedItemKeepsTheLiveCopyUntilTheChangesArePublished() {
        String id = Api.published("已发布的原文");
        Api.edit(id, Map.of("title", "待发布的修改")).statusCode(200)
                .body("state", equalTo("PUBLISHED"))
                .body("pendingChanges", equalTo(true))
                .body("liveRevision", equalTo(1))
                .body("revision", equalTo(2));

        Api.as(TestTokens.appUser("u-9")).get("/api/content/published/{id}", id).then().statusCode(200)
                .body("title", equalTo("已发布的原文"));

        post(TestTokens.editor(), "/api/content/items/{id}/publish-changes", id).statusCode(200)
                .body("pendingChanges", equalTo(false)).body("liveRevision", equalTo(2));
        Api.as(TestTokens.appUser("u-9")).get("/api/content/published/{id}", id).then().statusCode(200)
                .body("title", equalTo("待发布的修改"))
                .body("revision", equalTo(2));
        post(TestTokens.editor(), "/api/content/items/{id}/publish-changes", id).statusCode(409)
                .body("type", equalTo("urn:yunying:problem:no-pending-changes"));
    }

    @Test
    void changesToAnItemThatNeedsReviewArePublishedByAReviewer() {
        String category = Api.category(true);
        String id = Api.draft("需要审核的分类", category);
        post(TestTokens.editor(), "/api/content/items/{id}/submit", id).statusCode(200).body("state", equalTo("SUBMITTED"));
        post(TestTokens.reviewer(), "/api/content/review/items/{id}/claim", id).statusCode(200);
        Api.send(TestTokens.reviewer(), Map.of(), "/api/content/review/items/{id}/approve", id).statusCode(200);
        post(TestTokens.editor(), "/api/content/items/{id}/publish", id).statusCode(200);
        Api.edit(id, Map.of("title", "修改需审核", "category", category)).statusCode(200).body("pendingChanges", equalTo(true));

        post(TestTokens.editor(), "/api/content/items/{id}/publish-changes", id).statusCode(403)
                .body("type", equalTo("urn:yunying:problem:review-required"));
        post(TestTokens.reviewer(), "/api/content/items/{id}/publish-changes", id).statusCode(200);
        assertEquals("修改需审核", Sql.string("select title from published_content where id = ?", UUID.fromString(id)));
    }

    @Test
    void editsNeedTheCurrentETag() {
        String id = Api.draft("乐观锁", null);
        given().header("Authorization", TestTokens.editor()).contentType("application/json").body(Map.of("title", "无条件"))
                .put("/api/content/items/{id}", id).then().statusCode(428);
        given().header("Authorization", TestTokens.editor()).contentType("application/json").header("If-Match", "\"0\"")
                .body(Map.of("title", "第一个")).put("/api/content/items/{id}", id).then().statusCode(200).header("ETag", "\"1\"");
        given().header("Authorization", TestTokens.editor()).contentType("application/json").header("If-Match", "\"0\"")
                .body(Map.of("title", "迟到的")).put("/api/content/items/{id}", id).then().statusCode(412);
        assertEquals("第一个", Sql.string("select title from content_item where id = ?", UUID.fromString(id)));
        Api.as(TestTokens.editor()).get("/api/content/items/{id}/revisions", id).then().body("$", hasSize(2));
    }
}
