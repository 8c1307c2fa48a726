package io.yunying.community.post;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.Sql;
import io.yunying.testsupport.TestClock;
import io.yunying.testsupport.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.yunying.community.moderation.Lexicons.ensure;
import static io.yunying.community.post.Community.as;
import static io.yunying.community.post.Community.board;
import static io.yunying.community.post.Community.member;
import static io.yunying.community.post.Community.post;
import static io.yunying.community.post.Community.published;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class PostResourceTest {

    @Inject
    TestClock clock;

    @BeforeEach
    void setUp() {
        board("talk");
        ensure("WORD", "违禁词组", "ABUSE", "BLOCK");
        ensure("WORD", "待审词组", "PORN", "REVIEW");
        ensure("WORD", "打码词组", "ABUSE", "MASK");
        ensure("WORD", "标记词组", "ADS", "FLAG");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aCleanPostIsPublishedWithItsHashtags() {
        String author = member();
        String id = post(author, "talk", "周末看了 #沙丘2# 真好看 #Movies 和 #电影#").statusCode(201)
                .body("decision", equalTo("PASS")).body("post.status", equalTo("PUBLISHED"))
                .body("post.hashtags", contains("沙丘2", "movies", "电影")).extract().path("post.id");
        assertEquals(3, Sql.count("select count(*) from post_hashtag where post_id = ?::uuid", id));
        as(TestTokens.appUser(member()), "GET", "/api/community/posts/" + id, null).statusCode(200)
                .body("authorId", equalTo(author)).body("hashtags", hasSize(3));
        as(TestTokens.appUser(member()), "GET", "/api/community/boards/talk/posts?limit=100", null).statusCode(200)
                .body("items.id", hasItem(id));
    }

    @Test
    void aBlockedPostIsRefusedAndLoggedButNeverStored() {
        String author = member();
        post(author, "talk", "你这个违 禁 词 组").statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:yunying:problem:content-blocked")).body("categories", contains("ABUSE"));
        assertEquals(0, Sql.count("select count(*) from post where author_id = ?", author));
        assertEquals(1, Sql.count("select count(*) from moderation_log where action = 'post.blocked' and subject_id = ?", author));
    }

    @Test
    void aReviewHitHoldsThePostForAHuman() {
        String author = member();
        String id = post(author, "talk", "这里有待審詞組").statusCode(201)
                .body("decision", equalTo("REVIEW")).body("post.status", equalTo("HELD")).extract().path("post.id");
        assertEquals(1, Sql.count("select count(*) from review_item where post_id = ?::uuid and status = 'OPEN' and reason = 'HELD'", id));
        as(TestTokens.appUser(member()), "GET", "/api/community/posts/" + id, null).statusCode(404);
        as(TestTokens.appUser(author), "GET", "/api/community/posts/" + id, null).statusCode(200).body("status", equalTo("HELD"));
        as(TestTokens.moderator(), "GET", "/api/community/posts/" + id, null).statusCode(200);
        as(TestTokens.appUser(author), "GET", "/api/community/boards/talk/posts?limit=100", null).body("items.id", not(hasItem(id)));
        assertEquals(1, Sql.count("select count(*) from moderation_log where action = 'post.held' and subject_id = ?", id));
    }

    @Test
    void aMaskHitIsPublishedMaskedAndTheOriginalKeptForModerators() {
        String id = post(member(), "talk", "你真是打码词组啊").statusCode(201)
                .body("post.status", equalTo("PUBLISHED")).body("post.body", equalTo("你真是****啊")).extract().path("post.id");
        assertEquals("你真是打码词组啊", Sql.string("select original_body from post where id = ?::uuid", id));
    }

    @Test
    void aFlagHitIsPublishedAndQueued() {
        String id = post(member(), "talk", "代理标记词组，欢迎咨询").statusCode(201)
                .body("post.status", equalTo("PUBLISHED")).body("flagged", equalTo(true)).extract().path("post.id");
        assertEquals(1, Sql.count("select count(*) from review_item where post_id = ?::uuid and reason = 'FLAGGED'", id));
    }

    @Test
    void aNearDuplicateOfTheAuthorsRecentPostIsHeld() {
        String author = member();
        post(author, "talk", "超低价出售二手相机，九成新，同城面交，有意者请联系").statusCode(201).body("duplicate", equalTo(false));
        post(author, "talk", "超低价出售二手相机！九成新，同城面交。有意者请联系").statusCode(201)
                .body("duplicate", equalTo(true)).body("post.status", equalTo("HELD")).body("decision", equalTo("REVIEW"));
        post(member(), "talk", "超低价出售二手相机，九成新，同城面交，有意者请联系").statusCode(201).body("duplicate", equalTo(false));
    }

    @Test
    void newMembersMayPostFiveTimesAnHour() {
        clock.set(java.time.Instant.now());
        String author = member();
        for (int i = 0; i < 5; i++) {
            post(author, "talk", "第" + i + "条：今天的天气" + "晴雨风雪雷".charAt(i) + "，出门记得带伞和水杯" + i).statusCode(201);
        }
        post(author, "talk", "第六条完全不同的内容，关于跑步与健身").statusCode(429).header("Retry-After", equalTo("3600"))
                .contentType("application/problem+json");
        clock.advance(java.time.Duration.ofMinutes(61));
        post(author, "talk", "一小时后又能发帖了，聊聊篮球比赛").statusCode(201);
    }

    @Test
    void aStrictBoardHoldsFlagHitsAndANewMembersLinksGoToReview() {
        board("kids");
        post(member(), "talk", "这是标记词组的内容").statusCode(201).body("post.status", equalTo("PUBLISHED")).body("flagged", equalTo(true));
        String held = post(member(), "kids", "这是标记词组的内容").statusCode(201).body("post.status", equalTo("HELD"))
                .body("decision", equalTo("REVIEW")).extract().path("post.id");
        assertEquals(1, Sql.count("select count(*) from review_item where post_id = ?::uuid and status = 'OPEN'", held));
        post(member(), "talk", "两个链接 http://a.example/x 和 http://b.example/y").statusCode(201)
                .body("post.status", equalTo("HELD"));
        String trusted = member();
        Sql.count("with i as (insert into member_standing (user_id, first_seen_at, posts, strikes)"
                + " values (?, now() - interval '10 days', 12, 0) returning 1) select count(*) from i", trusted);
        post(trusted, "talk", "两个链接 http://a.example/x 和 http://b.example/y").statusCode(201)
                .body("post.status", equalTo("PUBLISHED"));
    }

    @Test
    void retryAfterSaysWhenTheNextPostFits() {
        java.time.Instant start = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        clock.set(start);
        String author = member();
        for (int i = 0; i < 5; i++) {
            post(author, "talk", "限速测试第" + i + "条：" + "春夏秋冬雨".charAt(i) + "天去公园散步，看到很多花" + i * 7).statusCode(201);
            clock.advance(java.time.Duration.ofMinutes(5));
        }
        // Posts at 0, 5, 10, 15 and 20 minutes; now 25 minutes: the first leaves the hour's window at 60 minutes.
        post(author, "talk", "第六条：周末的篮球赛谁去").statusCode(429).header("Retry-After", equalTo("2100"))
                .contentType("application/problem+json");
        clock.set(start.plus(java.time.Duration.ofMinutes(60)).minusMillis(1500));
        post(author, "talk", "第六条：周末的篮球赛谁去").statusCode(429).header("Retry-After", equalTo("2"));
        clock.set(start.plus(java.time.Duration.ofMinutes(60)));
        post(author, "talk", "第六条：周末的篮球赛谁去").statusCode(201);
        post(author, "talk", "第七条：周末的足球赛谁去看").statusCode(429).header("Retry-After", equalTo("300"));
        assertEquals(6, Sql.count("select count(*) from post where author_id = ?", author));
    }

    @Test
    void commentsThreadUnderAPostAndGoThroughTheCheck() {
        String postId = published(member(), "talk", "今晚一起看球吗");
        String first = as(TestTokens.appUser(member()), "POST", "/api/community/posts/" + postId + "/comments", "{\"body\": \"好啊几点\"}")
                .statusCode(201).body("post.threadId", equalTo(postId)).body("post.parentId", nullValue()).extract().path("post.id");
        as(TestTokens.appUser(member()), "POST", "/api/community/posts/" + postId + "/comments",
                "{\"body\": \"八点，老地方\", \"parentId\": \"" + first + "\"}").statusCode(201).body("post.parentId", equalTo(first));
        as(TestTokens.appUser(member()), "POST", "/api/community/posts/" + postId + "/comments", "{\"body\": \"违禁词组\"}")
                .statusCode(422);
        as(TestTokens.appUser(member()), "POST", "/api/community/posts/" + first + "/comments", "{\"body\": \"回复评论要用 parentId\"}")
                .statusCode(400);
        as(TestTokens.appUser(member()), "GET", "/api/community/posts/" + postId + "/comments", null).statusCode(200)
                .body("items", hasSize(2)).body("items[1].parentId", equalTo(first));
    }

    @Test
    void likesAreCountedOncePerMember() {
        String postId = published(member(), "talk", "求推荐一部好看的电影");
        String fan = member();
        as(TestTokens.appUser(fan), "PUT", "/api/community/posts/" + postId + "/like", null).statusCode(200).body("likeCount", equalTo(1));
        as(TestTokens.appUser(fan), "PUT", "/api/community/posts/" + postId + "/like", null).statusCode(200).body("likeCount", equalTo(1));
        as(TestTokens.appUser(member()), "PUT", "/api/community/posts/" + postId + "/like", null).statusCode(200).body("likeCount", equalTo(2));
        as(TestTokens.appUser(fan), "DELETE", "/api/community/posts/" + postId + "/like", null).statusCode(200).body("likeCount", equalTo(1));
        assertEquals(1, Sql.count("select like_count from post where id = ?::uuid", postId));
    }

    @Test
    void rolesAndBadInput() {
        as(TestTokens.editor(), "POST", "/api/community/boards/talk/posts", "{\"body\": \"x\"}").statusCode(403);
        as(TestTokens.service(), "POST", "/api/community/boards/talk/posts", "{\"body\": \"x\"}").statusCode(403);
        as(TestTokens.appUser(member()), "POST", "/api/community/boards/talk/posts", "{\"body\": \"  \"}").statusCode(400)
                .body("errors.field", hasItem("body"));
        as(TestTokens.appUser(member()), "POST", "/api/community/boards/nowhere/posts", "{\"body\": \"你好\"}").statusCode(404);
        as(TestTokens.appUser(member()), "GET", "/api/community/posts/" + java.util.UUID.randomUUID(), null).statusCode(404);
    }

    @Test
    void trendingTagsCountPublishedPosts() {
        // Spelled in Chinese numerals: a long digit run would look like a phone number to the regex rules of other tests.
        String tag = "话题" + Long.toString(System.nanoTime()).chars().mapToObj(d -> String.valueOf("零一二三四五六七八九".charAt(d - '0')))
                .collect(java.util.stream.Collectors.joining());
        post(member(), "talk", "聊聊 #" + tag + "# 吧").statusCode(201);
        post(member(), "talk", "我也来 #" + tag + "# 凑个热闹").statusCode(201);
        post(member(), "talk", "这条待审词组 #" + tag + "# 不算").statusCode(201).body("post.status", equalTo("HELD"));
        as(TestTokens.operator(), "GET", "/api/community/hashtags/trending?hours=1&limit=100", null).statusCode(200)
                .body("find { it.tag == '" + tag + "' }.posts", equalTo(2));
        as(TestTokens.operator(), "GET", "/api/community/hashtags/trending?hours=0", null).statusCode(400);
    }
}
