package io.yunying.content.ugc;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.yunying.content.Api;
import io.yunying.content.FakeCommunity;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.Sql;
import io.yunying.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MASK hits land in what is stored and served; an app user lists their own submissions; Idempotency-Key is bound to the body. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(FakeCommunity.class)
class UgcMaskAndMineTest {

    @jakarta.inject.Inject
    io.yunying.testsupport.TestClock clock;

    @org.junit.jupiter.api.AfterEach
    void realTime() {
        clock.reset();
    }

    private static Map<String, Object> piece(String title, String body) {
        Map<String, Object> piece = new HashMap<>();
        piece.put("type", "POST");
        piece.put("title", title);
        piece.put("summary", "摘要：笨蛋也能懂");
        piece.put("body", body);
        return piece;
    }

    @Test
    void maskedWordsAreStoredAndServedMaskedWhileModeratorsKeepTheOriginal() {
        // the trusted author's submissions of other tests must not count against the hourly limit
        clock.set(java.time.Instant.now().plus(java.time.Duration.ofDays(400)));
        String id = Api.as(TestTokens.appUser("trusted-user"))
                .body(piece("[mask] 你这个笨蛋", "<p>真是<b>笨蛋</b>一个，<a href=\"https://example.com/笨蛋\">链接</a></p>"))
                .post("/api/content/ugc").then().statusCode(201)
                .body("title", equalTo("[mask] 你这个**"))
                .body("summary", equalTo("摘要：**也能懂"))
                .body("state", equalTo("PUBLISHED"))
                .extract().path("id");
        UUID uuid = UUID.fromString(id);
        String stored = Sql.string("select body from content_item where id = ?", uuid);
        assertTrue(stored.contains("<b>**</b>"), stored);
        assertTrue(stored.contains("https://example.com/笨蛋"), "markup is never rewritten: " + stored);

        given().header("Authorization", TestTokens.appUser("reader")).get("/api/content/published/{id}", id).then().statusCode(200)
                .body("title", equalTo("[mask] 你这个**"))
                .body("summary", equalTo("摘要：**也能懂"))
                .body("body", containsString("<b>**</b>"));
        assertEquals(0, Sql.count("select count(*) from published_content where id = ? and search_text like '%真是笨蛋%'", uuid),
                "search does not find the masked word either");

        given().header("Authorization", TestTokens.moderator()).get("/api/content/items/{id}", id).then().statusCode(200)
                .body("maskedOriginal", containsString("你这个笨蛋"))
                .body("revision", equalTo(2));
        assertEquals("system:moderation-check", Sql.string("select saved_by from content_revision where item_id = ? and number = 2", uuid));
        assertEquals("[mask] 你这个笨蛋", Sql.string("select title from content_revision where item_id = ? and number = 1", uuid));
    }

    @Test
    void anAppUserListsTheirOwnSubmissionsWithStatusAndReason() {
        String user = Api.unique("mine");
        String token = TestTokens.appUser(user);
        String waiting = Api.as(token).body(piece("普通投稿", "<p>正文</p>")).post("/api/content/ugc").then().statusCode(201).extract().path("id");
        String blocked = Api.as(token).body(piece("[block] 违规投稿", "<p>正文</p>")).post("/api/content/ugc").then().statusCode(201).extract().path("id");
        String masked = Api.as(token).body(piece("[mask] 笨蛋投稿", "<p>正文</p>")).post("/api/content/ugc").then().statusCode(201).extract().path("id");
        Api.as(TestTokens.appUser(Api.unique("someone-else"))).body(piece("别人的投稿", "<p>正文</p>")).post("/api/content/ugc").then().statusCode(201);

        given().header("Authorization", token).get("/api/content/ugc/mine").then().statusCode(200)
                .body("items", hasSize(3))
                .body("items[0].id", equalTo(masked))
                .body("items[0].title", equalTo("[mask] **投稿"))
                .body("items[0].masked", equalTo(true))
                .body("items.find { it.id == '" + waiting + "' }.status", equalTo("IN_REVIEW"))
                .body("items.find { it.id == '" + waiting + "' }.reason", nullValue())
                .body("items.find { it.id == '" + blocked + "' }.status", equalTo("REJECTED"))
                .body("items.find { it.id == '" + blocked + "' }.state", equalTo("REJECTED"))
                .body("items.find { it.id == '" + blocked + "' }.reason", containsString("赌博"))
                .body("items.find { it.id == '" + blocked + "' }", not(org.hamcrest.Matchers.hasKey("maskedOriginal")));

        String next = given().header("Authorization", token).queryParam("limit", 2).get("/api/content/ugc/mine").then().statusCode(200)
                .body("items", hasSize(2)).body("nextCursor", notNullValue()).extract().path("nextCursor");
        given().header("Authorization", token).queryParam("limit", 2).queryParam("cursor", next).get("/api/content/ugc/mine")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].id", equalTo(waiting)).body("nextCursor", nullValue());

        // a reviewer's rejection reaches the author too
        String reviewer = TestTokens.bearer("reviewer-mine", "reviewer");
        Api.post(reviewer, "/api/content/review/items/{id}/claim", waiting).statusCode(200);
        Api.send(reviewer, Map.of("reason", "与主题无关"), "/api/content/review/items/{id}/reject", waiting).statusCode(200);
        given().header("Authorization", token).get("/api/content/ugc/mine").then().statusCode(200)
                .body("items.find { it.id == '" + waiting + "' }.status", equalTo("REJECTED"))
                .body("items.find { it.id == '" + waiting + "' }.reason", equalTo("与主题无关"));
        given().header("Authorization", TestTokens.editor()).get("/api/content/ugc/mine").then().statusCode(403);
    }

    @Test
    void theSameIdempotencyKeyWithAnotherBodyIsRefused() {
        String user = Api.unique("idem");
        String first = Api.as(TestTokens.appUser(user)).header("Idempotency-Key", "k-body")
                .body(piece("第一次的内容", "<p>一</p>")).post("/api/content/ugc").then().statusCode(201).extract().path("id");
        Api.as(TestTokens.appUser(user)).header("Idempotency-Key", "k-body")
                .body(piece("第一次的内容", "<p>一</p>")).post("/api/content/ugc").then().statusCode(200)
                .header("Idempotent-Replayed", "true").body("id", equalTo(first));
        Api.as(TestTokens.appUser(user)).header("Idempotency-Key", "k-body")
                .body(piece("换了内容", "<p>二</p>")).post("/api/content/ugc").then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:yunying:problem:idempotency-key-reused"));
        assertEquals(1, Sql.count("select count(*) from content_item where author = ?", user));
        // the key belongs to the user: another user may use the same one
        Api.as(TestTokens.appUser(user + "-b")).header("Idempotency-Key", "k-body")
                .body(piece("换了内容", "<p>二</p>")).post("/api/content/ugc").then().statusCode(201);
        List<String> none = List.of();
        assertTrue(none.isEmpty());
    }
}
