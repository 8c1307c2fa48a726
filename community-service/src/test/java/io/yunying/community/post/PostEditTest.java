package io.yunying.community.post;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.Sql;
import io.yunying.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static io.yunying.community.moderation.Lexicons.ensure;
import static io.yunying.community.post.Community.as;
import static io.yunying.community.post.Community.board;
import static io.yunying.community.post.Community.member;
import static io.yunying.community.post.Community.post;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Members edit (If-Match, checked again) and delete (tombstone) their own posts and comments. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class PostEditTest {

    @BeforeEach
    void setUp() {
        board("edits");
        ensure("WORD", "编辑违禁词", "ABUSE", "BLOCK");
        ensure("WORD", "编辑送审词", "PORN", "REVIEW");
    }

    private static io.restassured.response.ValidatableResponse edit(String user, String postId, String ifMatch, String body) {
        var request = given().header("Authorization", TestTokens.appUser(user)).contentType("application/json").body(body);
        if (ifMatch != null) {
            request = request.header("If-Match", ifMatch);
        }
        return request.when().put("/api/community/posts/" + postId).then();
    }

    private static String body(String postId) {
        return Sql.string("select body from post where id = ?::uuid", postId);
    }

    @Test
    void anAuthorEditsWithTheCurrentETagAndTheTextIsCheckedAgain() {
        String author = member();
        var created = post(author, "edits", "周末去看 #电影# 吧").statusCode(201).header("ETag", "\"0\"").extract();
        String id = created.path("post.id");
        String etag = as(TestTokens.appUser(author), "GET", "/api/community/posts/" + id, null).statusCode(200)
                .header("ETag", "\"0\"").extract().header("ETag");

        edit(author, id, etag, "{\"body\": \"周末去看 #话剧# 吧\"}").statusCode(200)
                .header("ETag", "\"1\"").body("decision", equalTo("PASS")).body("post.body", equalTo("周末去看 #话剧# 吧"))
                .body("post.editedAt", notNullValue()).body("post.version", equalTo(1)).body("post.hashtags", contains("话剧"));
        assertEquals(1, Sql.count("select count(*) from post_hashtag where post_id = ?::uuid and tag = '话剧'", id));
        assertEquals(0, Sql.count("select count(*) from post_hashtag where post_id = ?::uuid and tag = '电影'", id));

        edit(author, id, etag, "{\"body\": \"过时的版本\"}").statusCode(412).contentType("application/problem+json")
                .body("currentVersion", equalTo(1));
        edit(author, id, null, "{\"body\": \"没有版本\"}").statusCode(428).contentType("application/problem+json");
        edit(author, id, "\"abc\"", "{\"body\": \"坏版本\"}").statusCode(400).body("errors.field", hasItem("If-Match"));
        edit(author, id, "\"1\"", "{\"body\": \"\"}").statusCode(400).contentType("application/problem+json");
        edit(member(), id, "\"1\"", "{\"body\": \"别人的帖子\"}").statusCode(403)
                .body("type", equalTo("urn:yunying:problem:not-author"));
        given().header("Authorization", TestTokens.moderator()).header("If-Match", "\"1\"").contentType("application/json")
                .body("{\"body\": \"版主\"}").when().put("/api/community/posts/" + id).then().statusCode(403);
        assertEquals("周末去看 #话剧# 吧", body(id));
    }

    @Test
    void aBlockedEditChangesNothingAndAReviewHitHoldsThePost() {
        String author = member();
        String id = post(author, "edits", "一篇正常的帖子").statusCode(201).extract().path("post.id");
        edit(author, id, "\"0\"", "{\"body\": \"改成编辑违禁词\"}").statusCode(422)
                .body("type", equalTo("urn:yunying:problem:content-blocked"));
        assertEquals("一篇正常的帖子", body(id));
        assertEquals(1, Sql.count("select count(*) from moderation_log where action = 'post.edit-blocked' and subject_id = ?", id));

        edit(author, id, "\"0\"", "{\"body\": \"改成编辑送审词\"}").statusCode(200)
                .body("decision", equalTo("REVIEW")).body("post.status", equalTo("HELD"));
        assertEquals("HELD", Sql.string("select status from post where id = ?::uuid", id));
        assertEquals(1, Sql.count("select count(*) from review_item where post_id = ?::uuid and status = 'OPEN' and reason = 'HELD'", id));
        as(TestTokens.appUser(member()), "GET", "/api/community/posts/" + id, null).statusCode(404);

        edit(author, id, "\"1\"", "{\"body\": \"又改回正常的内容\"}").statusCode(200).body("post.status", equalTo("HELD"));
    }

    @Test
    void aDeletedCommentStaysInItsThreadAsATombstone() {
        String postId = post(member(), "edits", "大家来讨论").statusCode(201).extract().path("post.id");
        String commenter = member();
        String comment = as(TestTokens.appUser(commenter), "POST", "/api/community/posts/" + postId + "/comments",
                "{\"body\": \"我先说两句\"}").statusCode(201).extract().path("post.id");
        String reply = as(TestTokens.appUser(member()), "POST", "/api/community/posts/" + postId + "/comments",
                "{\"body\": \"同意楼上\", \"parentId\": \"" + comment + "\"}").statusCode(201).extract().path("post.id");

        as(TestTokens.appUser(member()), "DELETE", "/api/community/posts/" + comment, null).statusCode(403);
        given().header("Authorization", TestTokens.appUser(commenter)).header("If-Match", "\"7\"")
                .when().delete("/api/community/posts/" + comment).then().statusCode(412);
        given().header("Authorization", TestTokens.appUser(commenter)).header("If-Match", "\"0\"")
                .when().delete("/api/community/posts/" + comment).then().statusCode(204);
        as(TestTokens.appUser(commenter), "DELETE", "/api/community/posts/" + comment, null).statusCode(204);
        assertEquals("DELETED", Sql.string("select status from post where id = ?::uuid", comment));
        assertEquals("我先说两句", body(comment), "the text stays for moderators");

        as(TestTokens.appUser(member()), "GET", "/api/community/posts/" + postId + "/comments", null).statusCode(200)
                .body("items.id", contains(comment, reply))
                .body("items[0].status", equalTo("DELETED")).body("items[0].body", nullValue()).body("items[0].authorId", nullValue())
                .body("items[1].parentId", equalTo(comment)).body("items[1].body", equalTo("同意楼上"));
        as(TestTokens.appUser(member()), "GET", "/api/community/posts/" + comment, null).statusCode(200)
                .body("status", equalTo("DELETED")).body("body", nullValue());
        as(TestTokens.moderator(), "GET", "/api/community/posts/" + comment, null).statusCode(200).body("body", equalTo("我先说两句"));
        as(TestTokens.appUser(member()), "PUT", "/api/community/posts/" + comment + "/like", null).statusCode(404);
        edit(commenter, comment, "\"1\"", "{\"body\": \"复活\"}").statusCode(409);
    }

    @Test
    void aDeletedPostLeavesTheBoard() {
        String author = member();
        String id = post(author, "edits", "马上删除的帖子").statusCode(201).extract().path("post.id");
        as(TestTokens.appUser(author), "DELETE", "/api/community/posts/" + id, null).statusCode(204);
        as(TestTokens.appUser(member()), "GET", "/api/community/boards/edits/posts?limit=100", null).statusCode(200)
                .body("items.id", not(hasItem(id)));
    }
}
