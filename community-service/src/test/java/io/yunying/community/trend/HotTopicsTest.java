package io.yunying.community.trend;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig;
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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static io.yunying.community.trend.Trends.event;
import static io.yunying.community.trend.Trends.guide;
import static io.yunying.community.trend.Trends.ingest;
import static io.yunying.community.trend.Trends.ops;
import static io.yunying.community.trend.Trends.publicList;
import static io.yunying.community.trend.Trends.recompute;
import static io.yunying.community.trend.Trends.topic;
import static io.yunying.community.trend.Trends.users;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class HotTopicsTest {

    /** Each test lives in its own stretch of time, later than the last one, so windows and pins never overlap. */
    private static final AtomicInteger ERA = new AtomicInteger();

    @Inject
    TestClock clock;

    @Inject
    TrendRecomputer recomputer;

    Instant now;

    @BeforeEach
    void travel() {
        // scores are doubles; JSON paths read them as floats by default
        RestAssured.config = RestAssured.config().jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
        now = Instant.parse("2031-01-01T12:00:00Z").plus(Duration.ofDays(40L * ERA.incrementAndGet()));
        clock.set(now);
    }

    @AfterEach
    void back() {
        clock.reset();
        RestAssured.reset();
    }

    private static String item(String topic) {
        return "items.find { it.topic == '" + topic + "' }";
    }

    @Test
    void aBurstRisesAgainstItsOwnHistoryThenDecaysWithTheHalfLife() {
        String burst = topic("burst");
        String steady = topic("steady");
        // the steady topic had 100 distinct users in each of five hours of the 6-hour baseline: 500 / 24 windows of
        // 15 minutes = 20.8 users expected per window, so 20 users now is no rise
        List<Map<String, Object>> history = new ArrayList<>();
        for (int hour = 1; hour <= 5; hour++) {
            history.addAll(users(steady, "steady-h" + hour, 100, now.minus(Duration.ofHours(hour)).minus(Duration.ofMinutes(30))));
        }
        ingest(history).statusCode(202).body("accepted", equalTo(500));
        ingest(users(steady, "steady-now", 20, now.minusSeconds(30))).statusCode(202);
        ingest(users(burst, "fan", 20, now.minusSeconds(30))).statusCode(202);
        recompute();

        // (20 − 1)² / 1: no history, the expectation is the floor of one user
        ops("rising")
                .body(item(burst) + ".users", equalTo(20))
                .body(item(burst) + ".expected", closeTo(1.0, 1e-9))
                .body(item(burst) + ".score", closeTo(361.0, 1e-6))
                .body(item(burst) + ".reasons.code", hasItem("rising"))
                .body("items.topic", not(hasItem(steady)));
        ops("1h").body(item(steady) + ".users", equalTo(20));
        assertEquals(20, Sql.count("select sum(last_users) from topic_minute where topic = ?", burst));

        // the burst is over; one half-life later the score has halved
        clock.advance(Duration.ofHours(2));
        recompute();
        ops("rising").body(item(burst) + ".score", closeTo(180.5, 1e-6)).body(item(burst) + ".users", equalTo(0));

        // and after enough half-lives it leaves the list, and the rising state with it
        clock.advance(Duration.ofHours(20));
        recompute();
        ops("rising").body("items.topic", not(hasItem(burst)));
        assertEquals(0, Sql.count("select count(*) from topic_rising where topic = ?", burst));
    }

    @Test
    void theScheduledRunReScoresTouchedTopicsOnly() {
        String early = topic("early");
        String late = topic("late");
        recompute();
        ingest(users(early, "e", 10, now.minusSeconds(20))).statusCode(202);
        // what the job does every two seconds: the touched topic is scored, the touches are drained
        assertEquals(true, recomputer.rising(false).await().atMost(Duration.ofSeconds(30)).computed());
        ops("rising").body(item(early) + ".users", equalTo(10)).body(item(early) + ".score", closeTo(81.0, 1e-6));
        assertEquals(0, Sql.count("select count(*) from topic_touch"));
        assertEquals(1, Sql.count("select count(*) from topic_rising where topic = ?", early));

        // a later burst is picked up by the next run; the earlier topic, touched by the same ten users again, keeps
        // its peak (its raw score is not 5 % above the decayed one)
        clock.advance(Duration.ofSeconds(20));
        guide(late, "approve", Map.of("reason", "reviewed")).statusCode(200);
        ingest(users(late, "l", 30, clock.instant().minusSeconds(5))).statusCode(202);
        ingest(users(early, "e", 10, clock.instant().minusSeconds(5))).statusCode(202);
        recomputer.rising(false).await().atMost(Duration.ofSeconds(30));
        ops("rising").body("items[0].topic", equalTo(late)).body(item(late) + ".score", closeTo(29.0 * 29.0, 1e-6))
                .body(item(early) + ".users", equalTo(10));
        assertEquals(1, Sql.count("select count(*) from topic_rising where topic = ? and peak_at = ?", early, now.atOffset(ZoneOffset.UTC)));
        // and the run refreshed this replica's public list (the gate holds the unapproved early topic)
        publicList("rising").body("items[0].topic", equalTo(late)).body("items.topic", not(hasItem(early)));
    }

    @Test
    void oneUserSpammingATagDoesNotMakeItTrend() {
        String spammed = topic("spam");
        String genuine = topic("genuine");
        List<Map<String, Object>> spam = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            spam.add(event(UUID.randomUUID(), "bot-1", now.minusSeconds(i), spammed));
        }
        spam.add(event(UUID.randomUUID(), "friend-of-bot", now.minusSeconds(5), spammed));
        ingest(spam).statusCode(202).body("accepted", equalTo(601));
        ingest(users(genuine, "person", 4, now.minusSeconds(5))).statusCode(202);
        recompute();

        for (String window : List.of("rising", "1h", "24h", "7d")) {
            ops(window).body("items.topic", not(hasItem(spammed)));
        }
        ops("1h").body(item(genuine) + ".users", equalTo(4));
        ops("rising").body(item(genuine) + ".users", equalTo(4));
        // the volume is recorded; what ranks is the two distinct users
        assertEquals(601, Sql.count("select sum(mentions) from topic_minute where topic = ?", spammed));
        assertEquals(2, Sql.count("select count(*) from topic_actor where topic = ?", spammed));
        assertEquals(2, Sql.count("select sum(last_users) from topic_minute where topic = ?", spammed));
    }

    @Test
    void duplicateEventIdsAreIgnored() {
        String tag = topic("dup");
        UUID id = UUID.randomUUID();
        List<Map<String, Object>> batch = List.of(event(id, "u-1", now, tag), event(id, "u-1", now, tag),
                event(UUID.randomUUID(), "u-2", now, tag));
        ingest(batch).statusCode(202).body("received", equalTo(2)).body("accepted", equalTo(2)).body("duplicates", equalTo(0));
        ingest(batch).statusCode(202).body("received", equalTo(2)).body("accepted", equalTo(0)).body("duplicates", equalTo(2))
                .body("signals", equalTo(0));
        assertEquals(2, Sql.count("select sum(mentions) from topic_minute where topic = ?", tag));
        assertEquals(2, Sql.count("select sum(users) from topic_minute where topic = ?", tag));
        assertEquals(1, Sql.count("select count(*) from topic_event where id = ?", id));
    }

    @Test
    void blockedPinnedAndMergedTopicsBehave() {
        String loud = topic("loud");
        String quiet = topic("quiet");
        String pinned = topic("pinned");
        String canonical = topic("世界杯");
        String alias = topic("worldcup");
        Instant at = now.minusSeconds(20);
        ingest(users(loud, "l", 12, at)).statusCode(202);
        ingest(users(quiet, "q", 5, at)).statusCode(202);
        ingest(users(pinned, "p", 3, at)).statusCode(202);
        ingest(users(canonical, "c", 4, at)).statusCode(202);
        ingest(users(alias, "w", 6, at)).statusCode(202);
        for (String t : List.of(loud, quiet, pinned, canonical)) {
            guide(t, "approve", Map.of("reason", "reviewed")).statusCode(200).body("approved", equalTo(true));
        }

        recompute();
        ops("rising").body(item(alias) + ".users", equalTo(6));

        guide(alias, "merge", Map.of("into", canonical, "reason", "同一赛事")).statusCode(200)
                .body("topic", equalTo(canonical)).body("aliases", hasItem(alias));
        guide(alias, "merge", Map.of("into", canonical, "reason", "again")).statusCode(409);
        guide(canonical, "merge", Map.of("into", alias, "reason", "backwards")).statusCode(409);
        // signals for the alias now land on the canonical topic
        ingest(users(alias, "w-late", 2, now.minusSeconds(10))).statusCode(202);
        assertEquals(4 + 2, Sql.count("select sum(users) from topic_minute where topic = ?", canonical));
        assertEquals(6, Sql.count("select sum(users) from topic_minute where topic = ?", alias));

        guide(loud, "block", Map.of("reason", "谣言")).statusCode(200).body("blocked", equalTo(true));
        guide(pinned, "pin", Map.of("position", 1, "hours", 6, "reason", "官方活动"))
                .statusCode(200).body("pinPosition", equalTo(1)).body("pinnedUntil", equalTo(now.plus(Duration.ofHours(6)).toString()));
        given().header("Authorization", TestTokens.operator()).when().get("/api/community/trends/topics/{t}", alias)
                .then().statusCode(200).body("canonical", equalTo(canonical));
        guide(loud, "pin", Map.of("position", 2, "until", now.plus(Duration.ofHours(6)).toString(), "reason", "x")).statusCode(409);
        recompute();

        publicList("1h")
                .body("items.topic", not(hasItem(loud)))
                .body("items.topic", not(hasItem(alias)))
                .body("items[0].topic", equalTo(pinned)).body("items[0].pinned", equalTo(true))
                .body(item(canonical) + ".users", equalTo(4 + 6 + 2));
        ops("rising").body("items.topic", not(hasItem(alias))).body(item(canonical) + ".users", equalTo(4 + 6 + 2));
        ops("1h")
                .body(item(loud) + ".status", equalTo("BLOCKED"))
                .body(item(loud) + ".publicPosition", nullValue())
                .body(item(pinned) + ".status", equalTo("PINNED"))
                .body(item(pinned) + ".reasons.code", hasItem("pinned"))
                .body(item(canonical) + ".aliases", hasItem(alias))
                .body(item(canonical) + ".reasons.code", hasItem("merged"))
                .body(item(canonical) + ".sparkline.size()", equalTo(1))
                .body(item(canonical) + ".sparkline[0].users", equalTo(12));

        // the pin ends by itself
        clock.advance(Duration.ofHours(7));
        ingest(users(quiet, "q-later", 3, clock.instant().minusSeconds(5))).statusCode(202);
        recompute();
        publicList("rising").body("items.find { it.topic == '" + pinned + "' }", nullValue());

        // every action is in the guidance log: who, what, why
        given().header("Authorization", TestTokens.operator()).queryParam("topic", loud)
                .when().get("/api/community/trends/guidance-log").then().statusCode(200)
                .body("items.action", hasItems("topic.blocked", "topic.approved"))
                .body("items.find { it.action == 'topic.blocked' }.actor", equalTo("moderator-test"))
                .body("items.find { it.action == 'topic.blocked' }.reason", equalTo("谣言"));
        assertEquals(1, Sql.count("select count(*) from moderation_log where subject_type = 'topic' and subject_id = ? and action = 'topic.merged'", alias));
        assertEquals(1, Sql.count("select count(*) from topic_guidance where topic = ? and blocked and pin_position is null", loud));

        guide(alias, "unmerge", Map.of("reason", "分开统计")).statusCode(200).body("canonical", nullValue());
        assertEquals(0, Sql.count("select count(*) from topic_alias where alias = ?", alias));
    }

    @Test
    void theReviewGateHoldsNewTopicsInTheTopRanksUntilApproved() {
        // the test profile gates ranks 1..3
        List<String> topics = List.of(topic("g1"), topic("g2"), topic("g3"), topic("g4"));
        for (int i = 0; i < topics.size(); i++) {
            ingest(users(topics.get(i), "gate" + i, 10 - i, now.minusSeconds(10))).statusCode(202);
        }
        recompute();

        publicList("1h").body("items.topic", not(hasItem(topics.get(0))))
                .body("items.topic", not(hasItem(topics.get(1))))
                .body("items.topic", not(hasItem(topics.get(2))))
                .body("items[0].topic", equalTo(topics.get(3)));
        ops("1h").body(item(topics.get(0)) + ".status", equalTo("HELD")).body(item(topics.get(0)) + ".reasons.code", hasItem("gate"));
        given().header("Authorization", TestTokens.moderator()).when().get("/api/community/trends/gate").then().statusCode(200)
                .body("topic", hasItems(topics.get(0), topics.get(1), topics.get(2)))
                .body("topic", not(hasItem(topics.get(3))));

        guide(topics.get(0), "approve", Map.of("reason", "话题正常")).statusCode(200);
        publicList("1h").body("items[0].topic", equalTo(topics.get(0))).body("items[1].topic", equalTo(topics.get(3)))
                .body("items.topic", not(hasItem(topics.get(1))));
        assertEquals(1, Sql.count("select count(*) from moderation_log where action = 'topic.approved' and subject_id = ? and actor = 'moderator-test'",
                topics.get(0)));
    }

    @Test
    void thePublicListAnswersNotModifiedForTheSameETag() {
        String tag = topic("etag");
        ingest(users(tag, "e", 5, now.minusSeconds(5))).statusCode(202);
        guide(tag, "approve", Map.of("reason", "ok")).statusCode(200);
        recompute();

        var first = given().header("Authorization", TestTokens.appUser("reader")).queryParam("window", "1h")
                .when().get("/api/community/trends").then().statusCode(200)
                .header("ETag", notNullValue()).header("Cache-Control", org.hamcrest.Matchers.containsString("max-age"))
                .body(item(tag) + ".users", equalTo(5)).extract();
        String etag = first.header("ETag");
        given().header("Authorization", TestTokens.appUser("other")).header("If-None-Match", etag).queryParam("window", "1h")
                .when().get("/api/community/trends").then().statusCode(304).header("ETag", equalTo(etag));

        guide(tag, "block", Map.of("reason", "changed")).statusCode(200);
        String after = given().header("Authorization", TestTokens.appUser("reader")).header("If-None-Match", etag).queryParam("window", "1h")
                .when().get("/api/community/trends").then().statusCode(200).body("items.topic", not(hasItem(tag))).extract().header("ETag");
        assertNotEquals(etag, after);
    }

    @Test
    void badInputIsRefusedWholeWithNothingWritten() {
        UUID good = UUID.randomUUID();
        UUID future = UUID.randomUUID();
        String tag = topic("bad");
        ingest(List.of(event(good, "u-1", now, tag), event(future, "u-2", now.plus(Duration.ofHours(1)), tag)))
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("[1].occurredAt"));
        ingest(List.of(event(good, "u-1", now, tag), event(UUID.randomUUID(), "u-2", now, "#")))
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("[1].topics[0]"));
        given().header("Authorization", TestTokens.service()).contentType(ContentType.JSON)
                .body("[{\"id\": \"" + good + "\", \"topics\": [\"" + tag + "\"], \"occurredAt\": \"" + now + "\"}]")
                .when().post("/api/community/trends/signals").then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", TestTokens.service()).contentType(ContentType.JSON).body("{\"not\": \"a list\"}")
                .when().post("/api/community/trends/signals").then().statusCode(400).contentType("application/problem+json");
        assertEquals(0, Sql.count("select count(*) from topic_event where id in (?, ?)", good, future));
        assertEquals(0, Sql.count("select count(*) from topic_minute where topic = ?", tag));

        given().header("Authorization", TestTokens.appUser("reader")).queryParam("window", "2h")
                .when().get("/api/community/trends").then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", TestTokens.appUser("reader")).queryParam("limit", 500)
                .when().get("/api/community/trends").then().statusCode(400).contentType("application/problem+json");
        guide(tag, "pin", Map.of("position", 0, "until", now.plusSeconds(60).toString(), "reason", "x")).statusCode(400)
                .contentType("application/problem+json");
        guide(tag, "pin", Map.of("position", 1, "until", now.minusSeconds(60).toString(), "reason", "x")).statusCode(400);
        guide(tag, "pin", Map.of("position", 1, "hours", 2, "until", now.plusSeconds(60).toString(), "reason", "x")).statusCode(400);
        guide(tag, "pin", Map.of("position", 1, "hours", 24 * 31, "reason", "x")).statusCode(400);
        guide(tag, "block", Map.of("reason", "")).statusCode(400);
        guide(tag, "merge", Map.of("into", tag, "reason", "self")).statusCode(400);
        assertEquals(0, Sql.count("select count(*) from topic_guidance where topic = ?", tag));
        assertEquals(0, Sql.count("select count(*) from moderation_log where subject_id = ?", tag));
        given().header("Authorization", TestTokens.moderator()).when().get("/api/community/trends/topics/{t}", tag)
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void everyEndpointChecksTheCallersRole() {
        given().when().get("/api/community/trends").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", TestTokens.appUser("reader")).when().get("/api/community/trends/ops").then().statusCode(403);
        given().header("Authorization", TestTokens.appUser("reader")).when().get("/api/community/trends/gate").then().statusCode(403);
        given().header("Authorization", TestTokens.appUser("reader")).when().get("/api/community/trends/emerging").then().statusCode(403);
        given().header("Authorization", TestTokens.appUser("reader")).when().get("/api/community/trends/core-members?board=x").then().statusCode(403);
        given().header("Authorization", TestTokens.appUser("reader")).contentType(ContentType.JSON).body(Map.of("reason", "x"))
                .when().post("/api/community/trends/topics/x/block").then().statusCode(403);
        given().header("Authorization", TestTokens.appUser("u")).contentType(ContentType.JSON)
                .body(List.of(event(UUID.randomUUID(), "u", now, "x"))).when().post("/api/community/trends/signals").then().statusCode(403);
        given().header("Authorization", TestTokens.operator()).when().post("/api/community/trends/recompute").then().statusCode(403);
        given().when().post("/api/community/trends/recompute").then().statusCode(401);
        given().header("Authorization", TestTokens.operator()).when().get("/api/community/trends/ops").then().statusCode(200);
    }

    @Test
    void anotherReplicaHoldingTheLockSkipsTheRun() throws Exception {
        try (var connection = PostgresTestResource.server().connect(PostgresTestResource.database())) {
            connection.setAutoCommit(false);
            try (var statement = connection.createStatement()) {
                statement.execute("select pg_advisory_xact_lock(" + 0x7975_6e79_6e67_05L + ")");
            }
            given().header("Authorization", TestTokens.admin()).when().post("/api/community/trends/recompute")
                    .then().statusCode(200).body("computed", equalTo(false));
            connection.rollback();
        }
        given().header("Authorization", TestTokens.admin()).when().post("/api/community/trends/recompute")
                .then().statusCode(200).body("computed", equalTo(true)).body("lists.rising", notNullValue());
    }
}
