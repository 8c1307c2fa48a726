package io.yunying.community.post;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.Sql;
import io.yunying.testsupport.TestClock;
import io.yunying.testsupport.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.yunying.community.moderation.Lexicons.ensure;
import static io.yunying.community.post.Community.board;
import static io.yunying.community.post.Community.member;
import static io.yunying.community.post.Community.published;
import static io.yunying.community.post.Community.sanction;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A retried write with the same Idempotency-Key and body gets the first answer; a different body is a 422. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class IdempotencyKeyTest {

    @Inject
    TestClock clock;

    @BeforeEach
    void setUp() {
        board("retries");
        ensure("WORD", "重试违禁词", "ABUSE", "BLOCK");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static ValidatableResponse send(String user, String key, String path, String body) {
        var request = given().header("Authorization", TestTokens.appUser(user)).contentType("application/json").body(body);
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.when().post(path).then();
    }

    @Test
    void aRetriedPostIsAnsweredOnceAndADifferentBodyIsRefused() {
        String author = member();
        String key = UUID.randomUUID().toString();
        String path = "/api/community/boards/retries/posts";
        var first = send(author, key, path, "{\"body\": \"地铁上没信号，发了两次\"}").statusCode(201)
                .header("Idempotent-Replayed", nullValue()).extract();
        String id = first.path("post.id");
        send(author, key, path, "{\"body\": \"地铁上没信号，发了两次\"}").statusCode(201)
                .header("Idempotent-Replayed", "true").header("Location", first.header("Location")).header("ETag", "\"0\"")
                .body("post.id", equalTo(id)).body("decision", equalTo("PASS"));
        assertEquals(1, Sql.count("select count(*) from post where author_id = ?", author));

        send(author, key, path, "{\"body\": \"换了内容却用同一个键\"}").statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:yunying:problem:idempotency-key-reused")).body("errors.field", hasItem("Idempotency-Key"));
        send(author, key, "/api/community/boards/other/posts", "{\"body\": \"地铁上没信号，发了两次\"}").statusCode(422);
        assertEquals(1, Sql.count("select count(*) from post where author_id = ?", author));

        String other = member();
        send(other, key, path, "{\"body\": \"地铁上没信号，发了两次\"}").statusCode(201).header("Idempotent-Replayed", nullValue());

        clock.advance(Duration.ofHours(25));
        send(author, key, path, "{\"body\": \"换了内容却用同一个键\"}").statusCode(201).header("Idempotent-Replayed", nullValue());
        assertEquals(2, Sql.count("select count(*) from post where author_id = ?", author), "the key expired after 24 h");
    }

    @Test
    void commentsReportsAndAppealsReplayToo() {
        String author = member();
        String postId = published(author, "retries", "可以评论和举报的帖子");
        String commenter = member();
        String key = UUID.randomUUID().toString();
        String commentPath = "/api/community/posts/" + postId + "/comments";
        String commentId = send(commenter, key, commentPath, "{\"body\": \"沙发\"}").statusCode(201).extract().path("post.id");
        send(commenter, key, commentPath, "{\"body\": \"沙发\"}").statusCode(201).body("post.id", equalTo(commentId))
                .header("Idempotent-Replayed", "true");
        assertEquals(1, Sql.count("select count(*) from post where author_id = ?", commenter));

        String reporter = member();
        String reportKey = UUID.randomUUID().toString();
        String report = "{\"postId\": \"" + postId + "\", \"reason\": \"SPAM\"}";
        String reportId = send(reporter, reportKey, "/api/community/reports", report).statusCode(201).extract().path("id");
        send(reporter, reportKey, "/api/community/reports", report).statusCode(201).body("id", equalTo(reportId));
        send(reporter, null, "/api/community/reports", report).statusCode(409);
        assertEquals(1, Sql.count("select count(*) from report where reporter_id = ?", reporter));

        String sanctioned = member();
        String sanctionId = sanction(sanctioned, "MUTE", 24).statusCode(201).extract().path("id");
        String appeal = "{\"sanctionId\": \"" + sanctionId + "\", \"text\": \"请复核\"}";
        String appealKey = UUID.randomUUID().toString();
        String appealId = send(sanctioned, appealKey, "/api/community/appeals", appeal).statusCode(201).extract().path("id");
        send(sanctioned, appealKey, "/api/community/appeals", appeal).statusCode(201).body("id", equalTo(appealId))
                .header("Idempotent-Replayed", "true");
        assertEquals(1, Sql.count("select count(*) from appeal where appellant_id = ?", sanctioned));
    }

    @Test
    void aFailedWriteKeepsNothingAndABadKeyIsRefused() {
        String author = member();
        String key = UUID.randomUUID().toString();
        String path = "/api/community/boards/retries/posts";
        send(author, key, path, "{\"body\": \"重试违禁词\"}").statusCode(422).body("type", equalTo("urn:yunying:problem:content-blocked"));
        assertEquals(0, Sql.count("select count(*) from idempotency_record where user_id = ?", author));
        send(author, key, path, "{\"body\": \"改好了再发\"}").statusCode(201).header("Idempotent-Replayed", nullValue());

        send(author, "x".repeat(256), path, "{\"body\": \"键太长\"}").statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("Idempotency-Key"));
        send(author, "has space", path, "{\"body\": \"键里有空格\"}").statusCode(400);
        assertEquals(1, Sql.count("select count(*) from post where author_id = ?", author));
    }
}
