package io.yunying.community.trend;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.Sql;
import io.yunying.testsupport.TestClock;
import io.yunying.testsupport.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Community posts, comments and likes feed the hot topics; boards sort by hot rank; core members; emerging phrases. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class CommunitySignalsTest {

    @Inject
    TestClock clock;

    Instant now;

    @BeforeEach
    void travel() {
        // far from the other hot-topic tests' stretches of time, so windows do not overlap
        now = Instant.parse("2041-06-01T12:00:00Z").plus(Duration.ofDays(40L * (long) (Math.random() * 1000)));
        clock.set(now);
    }

    @AfterEach
    void back() {
        clock.reset();
    }

    private static String board() {
        String slug = "b-" + UUID.randomUUID().toString().substring(0, 8);
        given().header("Authorization", TestTokens.moderator()).contentType(ContentType.JSON)
                .body(Map.of("slug", slug, "name", slug)).when().post("/api/community/boards").then().statusCode(201);
        return slug;
    }

    private static String post(String board, String author, String body) {
        return given().header("Authorization", TestTokens.appUser(author)).contentType(ContentType.JSON)
                .body(Map.of("title", "分享", "body", body)).when().post("/api/community/boards/" + board + "/posts")
                .then().statusCode(201).body("post.status", equalTo("PUBLISHED")).extract().path("post.id");
    }

    private static void comment(String postId, String author, String body) {
        given().header("Authorization", TestTokens.appUser(author)).contentType(ContentType.JSON).body(Map.of("body", body))
                .when().post("/api/community/posts/" + postId + "/comments").then().statusCode(201);
    }

    private static void like(String postId, String user, boolean liked) {
        var request = given().header("Authorization", TestTokens.appUser(user));
        (liked ? request.when().put("/api/community/posts/" + postId + "/like") : request.when().delete("/api/community/posts/" + postId + "/like"))
                .then().statusCode(200);
    }

    @Test
    void postsCommentsAndLikesAreSignalsCountedByDistinctUser() {
        String board = board();
        String tag = "露营" + UUID.randomUUID().toString().substring(0, 6);
        String first = post(board, "camper-1", "周末去 #" + tag + "# 了");
        post(board, "camper-2", "我也去了 #" + tag + "#");
        post(board, "camper-2", "第二篇也带 #" + tag + "# 换个说法再写一遍内容完全不同");
        comment(first, "camper-3", "看起来不错");
        like(first, "camper-4", true);
        like(first, "camper-4", false);
        like(first, "camper-4", true);
        like(first, "camper-1", true);

        // six signals (three posts, a comment, two likes: liking again is the same event) from four distinct users
        assertEquals(4, Sql.count("select count(*) from topic_actor where topic = ?", tag));
        assertEquals(6, Sql.count("select sum(mentions) from topic_minute where topic = ?", tag));
        Trends.recompute();
        given().header("Authorization", TestTokens.operator()).queryParam("window", "1h").queryParam("limit", 200)
                .when().get("/api/community/trends/ops").then().statusCode(200)
                .body("items.find { it.topic == '" + tag + "' }.users", equalTo(4));

        // core members of the board: camper-1's post reached two other members (a comment and a like)
        given().header("Authorization", TestTokens.operator()).queryParam("board", board)
                .when().get("/api/community/trends/core-members").then().statusCode(200)
                .body("members[0].userId", equalTo("camper-1"))
                .body("members[0].reachedUsers", equalTo(2))
                .body("members[0].likes", equalTo(1))
                .body("members[0].comments", equalTo(1))
                .body("members[1].userId", equalTo("camper-2"))
                .body("members[1].posts", equalTo(2));
        given().header("Authorization", TestTokens.operator()).queryParam("topic", tag)
                .when().get("/api/community/trends/core-members").then().statusCode(200)
                .body("members.userId", contains("camper-1", "camper-2"));
        given().header("Authorization", TestTokens.operator()).queryParam("board", board).queryParam("topic", tag)
                .when().get("/api/community/trends/core-members").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aBoardSortsByHotRank() {
        String board = board();
        // C: a day and a half old with ten likes; B: an hour old with ten likes; A: new, no likes yet
        clock.set(now.minus(Duration.ofHours(30)));
        String c = post(board, "hot-c", "三十个小时前的帖子");
        for (int i = 0; i < 10; i++) {
            like(c, "fan-c-" + i, true);
        }
        clock.set(now.minus(Duration.ofHours(1)));
        String b = post(board, "hot-b", "一小时前的帖子");
        for (int i = 0; i < 10; i++) {
            like(b, "fan-b-" + i, true);
        }
        clock.set(now);
        String a = post(board, "hot-a", "刚刚发的帖子");

        // log10(13) / 3^1.8 = 0.154 > log10(3) / 2^1.8 = 0.137 > log10(13) / 32^1.8 = 0.0022
        given().header("Authorization", TestTokens.appUser("reader")).queryParam("sort", "hot")
                .when().get("/api/community/boards/" + board + "/posts").then().statusCode(200)
                .body("items.id", contains(b, a, c));
        given().header("Authorization", TestTokens.appUser("reader"))
                .when().get("/api/community/boards/" + board + "/posts").then().statusCode(200)
                .body("items.id", contains(a, b, c));

        // pages of one hot listing rank at the same time, so a later page continues it
        String cursor = given().header("Authorization", TestTokens.appUser("reader")).queryParam("sort", "hot").queryParam("limit", 2)
                .when().get("/api/community/boards/" + board + "/posts").then().statusCode(200)
                .body("items.id", contains(b, a)).body("nextCursor", notNullValue()).extract().path("nextCursor");
        clock.advance(Duration.ofHours(5));
        given().header("Authorization", TestTokens.appUser("reader")).queryParam("sort", "hot").queryParam("limit", 2)
                .queryParam("cursor", cursor)
                .when().get("/api/community/boards/" + board + "/posts").then().statusCode(200)
                .body("items.id", contains(c)).body("nextCursor", nullValue());
        given().header("Authorization", TestTokens.appUser("reader")).queryParam("sort", "top")
                .when().get("/api/community/boards/" + board + "/posts").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void anUntaggedPhraseBurstingInPostsIsSurfaced() {
        String board = board();
        // yesterday: everyday posts; nobody mentions the phrase
        clock.set(now.minus(Duration.ofHours(6)));
        for (int i = 0; i < 6; i++) {
            post(board, "daily-" + i, "今天天气不错，去公园散步" + i + "，晚饭吃了面条");
        }
        // the last hour: five members write about 村超足球 without a tag
        clock.set(now.minus(Duration.ofMinutes(20)));
        String[] texts = {"周末看了村超足球，现场气氛太好了", "村超足球今晚决赛，有人一起吗", "朋友推荐的村超足球真的好看",
                "第一次看村超足球，被球迷感动", "贵州的村超足球火了"};
        for (int i = 0; i < texts.length; i++) {
            post(board, "fan-" + i, texts[i]);
        }
        clock.set(now);
        Trends.recompute();

        given().header("Authorization", TestTokens.operator()).when().get("/api/community/trends/emerging").then().statusCode(200)
                .body("items.phrase", hasItem("村超足球"))
                .body("items.find { it.phrase == '村超足球' }.authors", equalTo(5))
                .body("items.phrase", not(hasItem("村超")))
                .body("items.phrase", not(hasItem("足球")))
                .body("items.phrase", not(hasItem("公园")));
        assertEquals(5, Sql.count("select count(distinct author) from phrase_mention where phrase = '村超足球'"));
    }
}
