package io.yunying.push.rfm;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.yunying.push.support.Api;
import io.yunying.push.support.Db;
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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.yunying.push.support.Api.operator;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class RfmTest {

    static final Instant NOW = Instant.parse("2026-04-20T08:00:00Z");

    @Inject
    TestClock clock;

    @BeforeEach
    void clean() {
        Db.clearAudience();
        clock.set(NOW);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static String purchase(String who, int daysAgo, String amount) {
        return Api.event(UUID.randomUUID().toString(), who, "purchase", NOW.minus(Duration.ofDays(daysAgo)), amount);
    }

    private static String scores(String who) {
        return Sql.string("select r || '' || f || '' || m || ' ' || rfm_group from contact_rfm x join contact c on c.id = x.contact_id where c.external_id = ?", who);
    }

    @Test
    void fewerThanFiveBuyersStillGetScoresByTheirPlaceInTheRanking() {
        Api.contact("p1", "");
        Api.contact("p2", "");
        Api.contact("p3", "");
        Api.contact("browser", "");
        Api.send(purchase("p1", 100, "10"),
                purchase("p2", 60, "5"), purchase("p2", 50, "15"),
                purchase("p3", 30, "100"), purchase("p3", 20, "100"), purchase("p3", 5, "100"),
                Api.event("browser", "view", NOW.minus(Duration.ofDays(1))));
        operator().post("/api/push/rfm/recompute").then().statusCode(200).body("scored", equalTo(3)).body("windowDays", equalTo(365));
        // n = 3: score = floor(5 * (rank - 1) / 3) + 1 gives 1, 2, 4
        assertEquals("111 lost", scores("p1"));
        assertEquals("222 hibernating", scores("p2"));
        assertEquals("444 champions", scores("p3"));
        assertEquals(0, Sql.count("select count(*) from contact_rfm x join contact c on c.id = x.contact_id where c.external_id = 'browser'"));
        assertEquals("300.00", Sql.string("select monetary::text from contact_rfm x join contact c on c.id = x.contact_id where c.external_id = 'p3'"));
        operator().get("/api/push/contacts/p3").then().statusCode(200).body("rfm.recency", equalTo(4)).body("rfm.group", equalTo("champions"));
    }

    @Test
    void tiesShareAScore() {
        List<String> events = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            Api.contact("tie" + i, "");
            events.add(purchase("tie" + i, i * 10, "10"));
        }
        Api.send(events.toArray(String[]::new));
        operator().post("/api/push/rfm/recompute").then().statusCode(200).body("scored", equalTo(5));
        // one purchase of 10 each: frequency and monetary are all tied, so all score 1; recency spreads 5..1
        assertEquals("511 new_customers", scores("tie1"));
        assertEquals("411 promising", scores("tie2"));
        assertEquals("311 need_attention", scores("tie3"));
        assertEquals("211 lost", scores("tie4"));
        assertEquals("111 lost", scores("tie5"));
        assertEquals(0, Sql.count("select count(*) from contact_rfm where f <> 1 or m <> 1"));
    }

    @Test
    void tenDistinctBuyersFillQuintilesTwoByTwo() {
        List<String> events = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            Api.contact("q" + i, "");
            for (int k = 0; k < i; k++) {
                events.add(purchase("q" + i, 200 - i * 10 - k, Integer.toString(i * 10)));
            }
        }
        Api.send(events.toArray(String[]::new));
        operator().post("/api/push/rfm/recompute").then().statusCode(200).body("scored", equalTo(10));
        for (int score = 1; score <= 5; score++) {
            assertEquals(2, Sql.count("select count(*) from contact_rfm where r = ?", score));
            assertEquals(2, Sql.count("select count(*) from contact_rfm where f = ?", score));
            assertEquals(2, Sql.count("select count(*) from contact_rfm where m = ?", score));
        }
        assertEquals("555 champions", scores("q10"));
        assertEquals("111 lost", scores("q1"));
        operator().get("/api/push/rfm/summary").then().statusCode(200)
                .body("scored", equalTo(10))
                .body("groups.find { it.group == 'champions' }.contacts", equalTo(4))
                .body("grid.find { it.r == 5 && it.fm == 5 }.contacts", equalTo(2));
        operator().body("{\"rule\": {\"all\": [{\"attribute\": \"rfm.group\", \"op\": \"eq\", \"value\": \"champions\"}, "
                        + "{\"attribute\": \"rfm.monetary\", \"op\": \"between\", \"value\": [5, 5]}]}}")
                .post("/api/push/segments/preview").then().statusCode(200).body("count", equalTo(2));
        operator().body("{\"rule\": {\"attribute\": \"rfm.recency\", \"op\": \"in\", \"value\": [1, 2]}}")
                .post("/api/push/segments/preview").then().statusCode(200).body("count", equalTo(4));
        operator().body("{\"rule\": {\"attribute\": \"rfm.frequency\", \"op\": \"not_exists\"}}")
                .post("/api/push/segments/preview").then().statusCode(200).body("count", equalTo(0));
    }

    @Test
    void purchasesOutsideTheWindowDropOut() {
        Api.contact("old-buyer", "");
        Api.send(purchase("old-buyer", 300, "50"));
        operator().post("/api/push/rfm/recompute").then().statusCode(200).body("scored", equalTo(1));
        clock.set(NOW.plus(Duration.ofDays(70)));
        operator().post("/api/push/rfm/recompute").then().statusCode(200).body("scored", equalTo(0));
        assertEquals(0, Sql.count("select count(*) from contact_rfm"));
        Api.as(TestTokens.appUser("old-buyer")).post("/api/push/rfm/recompute").then().statusCode(403);
    }

    @Test
    void aRecomputeWritesOnlyTheRowsThatChanged() {
        Api.contact("q1", "");
        Api.contact("q2", "");
        Api.contact("q3", "");
        Api.send(purchase("q1", 30, "10"), purchase("q2", 20, "20"), purchase("q3", 10, "30"));
        operator().post("/api/push/rfm/recompute").then().statusCode(200).body("scored", equalTo(3)).body("changed", equalTo(3));
        String q1 = scores("q1");
        String q1Written = Sql.string("select computed_at::text from contact_rfm x join contact c on c.id = x.contact_id where c.external_id = 'q1'");
        clock.set(NOW.plus(Duration.ofHours(1)));
        operator().post("/api/push/rfm/recompute").then().statusCode(200).body("scored", equalTo(3)).body("changed", equalTo(0));
        operator().get("/api/push/rfm/summary").then().statusCode(200)
                .body("scored", equalTo(3)).body("computedAt", equalTo(NOW.plus(Duration.ofHours(1)).toString()));
        // q3 buys again: its frequency and monetary change; q1 and q2 keep their scores and are not rewritten
        Api.send(Api.event(UUID.randomUUID().toString(), "q3", "purchase", NOW, "5"));
        operator().post("/api/push/rfm/recompute").then().statusCode(200).body("scored", equalTo(3)).body("changed", equalTo(1));
        assertEquals(q1, scores("q1"));
        assertEquals(q1Written, Sql.string("select computed_at::text from contact_rfm x join contact c on c.id = x.contact_id where c.external_id = 'q1'"));
        assertEquals("444 champions", scores("q3"));
    }
}
