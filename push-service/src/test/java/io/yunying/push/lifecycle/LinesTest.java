package io.yunying.push.lifecycle;

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

import static io.yunying.push.support.Api.operator;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The churn-warning lines are a runtime setting: stored, checked, recorded, and read by the next recompute. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class LinesTest {

    static final Instant T0 = Instant.parse("2026-04-01T00:00:00Z");
    static final String WIDER = """
            {"newForDays": 3, "silentAfterDays": 10, "atRiskAfterDays": 20, "churnedAfterDays": 40,
             "resurrectedForDays": 5, "dropRatio": 0.3, "dropMinWeeklyBaseline": 3}""";

    @Inject
    TestClock clock;

    @BeforeEach
    void clean() {
        Db.clearAudience();
    }

    @AfterEach
    void reset() {
        clock.reset();
        Db.exec("truncate lifecycle_lines, lifecycle_lines_change");
    }

    private void at(int day) {
        clock.set(T0.plus(Duration.ofDays(day)));
    }

    private static String stage(String who) {
        return Sql.string("select l.stage from contact_lifecycle l join contact c on c.id = l.contact_id where c.external_id = ?", who);
    }

    private static void recompute() {
        operator().post("/api/push/lifecycle/recompute").then().statusCode(200);
    }

    @Test
    void theConfiguredLinesApplyUntilSetAndAStageFollowsNewLinesAtTheNextRecompute() {
        operator().get("/api/push/lifecycle/lines").then().statusCode(200).header("ETag", "\"0\"")
                .body("silentAfterDays", equalTo(7)).body("atRiskAfterDays", equalTo(14)).body("churnedAfterDays", equalTo(30))
                .body("dropRatio", equalTo(0.3f)).body("version", equalTo(0)).body("updatedBy", nullValue());

        at(0);
        Api.contact("mover", "");
        Api.send(Api.event("mover", "app_open", T0));
        at(8);
        recompute();
        assertEquals("silent", stage("mover"), "8 days without activity is past the configured 7");

        operator().header("If-Match", "\"0\"").body(WIDER).put("/api/push/lifecycle/lines").then().statusCode(200)
                .header("ETag", "\"1\"").body("silentAfterDays", equalTo(10)).body("version", equalTo(1))
                .body("updatedBy", equalTo("operator-test")).body("updatedAt", equalTo(T0.plus(Duration.ofDays(8)).toString()));
        assertEquals(1, Sql.count("select count(*) from lifecycle_lines where silent_after_days = 10 and version = 1"));

        recompute();
        assertEquals("active", stage("mover"), "8 days is no longer silent under a 10-day line");
        at(15);
        recompute();
        assertEquals("silent", stage("mover"), "15 days would be at risk under the configured 14, not under 20");
        at(21);
        recompute();
        assertEquals("at_risk", stage("mover"));
        at(35);
        recompute();
        assertEquals("at_risk", stage("mover"), "35 days would be churned under the configured 30, not under 40");
        at(41);
        recompute();
        assertEquals("churned", stage("mover"));
        operator().get("/api/push/contacts/mover/stage-changes").then().statusCode(200)
                .body("to", contains("silent", "active", "silent", "at_risk", "churned"));
    }

    @Test
    void anotherReplicasEditIsReadByTheNextRecomputeWithoutARestart() {
        at(0);
        Api.contact("other", "");
        at(9);
        recompute();
        assertEquals("silent", stage("other"));
        // what a PUT on another replica leaves in the shared database
        Db.exec("""
                insert into lifecycle_lines (new_for_days, silent_after_days, at_risk_after_days, churned_after_days, resurrected_for_days,
                                             drop_ratio, drop_min_weekly_baseline, version, updated_by, updated_at)
                values (7, 2, 4, 8, 7, 0.3, 3, 1, 'elsewhere', now())""");
        recompute();
        assertEquals("churned", stage("other"));
        operator().get("/api/push/lifecycle/lines").then().statusCode(200).header("ETag", "\"1\"").body("updatedBy", equalTo("elsewhere"));
    }

    @Test
    void everyChangeIsRecordedWithWhoWhenAndOldAndNewLines() {
        at(2);
        operator().body(WIDER).put("/api/push/lifecycle/lines").then().statusCode(200).header("ETag", "\"1\"");
        // the same lines again change nothing and record nothing
        operator().body(WIDER).put("/api/push/lifecycle/lines").then().statusCode(200).header("ETag", "\"1\"");
        at(3);
        Api.as(TestTokens.admin()).header("If-Match", "\"1\"").body(WIDER.replace("\"churnedAfterDays\": 40", "\"churnedAfterDays\": 60"))
                .put("/api/push/lifecycle/lines").then().statusCode(200).header("ETag", "\"2\"").body("churnedAfterDays", equalTo(60));
        assertEquals(2, Sql.count("select count(*) from lifecycle_lines_change"));

        operator().get("/api/push/lifecycle/lines/changes").then().statusCode(200)
                .body("items.version", contains(2, 1))
                .body("items.changedBy", contains("admin-test", "operator-test"))
                .body("items[0].changedAt", equalTo(T0.plus(Duration.ofDays(3)).toString()))
                .body("items[0].from.churnedAfterDays", equalTo(40)).body("items[0].to.churnedAfterDays", equalTo(60))
                .body("items[1].from.silentAfterDays", equalTo(7)).body("items[1].to.silentAfterDays", equalTo(10))
                .body("nextCursor", nullValue());
        String cursor = operator().get("/api/push/lifecycle/lines/changes?limit=1").then().statusCode(200)
                .body("items.version", contains(2)).extract().path("nextCursor");
        operator().get("/api/push/lifecycle/lines/changes?limit=1&cursor=" + cursor).then().statusCode(200)
                .body("items.version", contains(1)).body("nextCursor", nullValue());
    }

    @Test
    void badLinesAreRefusedByNameAndChangeNothing() {
        operator().body(WIDER.replace("\"atRiskAfterDays\": 20", "\"atRiskAfterDays\": 10")).put("/api/push/lifecycle/lines")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("atRiskAfterDays")).body("errors[0].message", containsString("silentAfterDays"));
        operator().body(WIDER.replace("\"churnedAfterDays\": 40", "\"churnedAfterDays\": 15")).put("/api/push/lifecycle/lines")
                .then().statusCode(400).body("errors.field", contains("churnedAfterDays"));
        operator().body(WIDER.replace("\"silentAfterDays\": 10", "\"silentAfterDays\": 0").replace("\"newForDays\": 3", "\"newForDays\": -1")
                        .replace("\"dropRatio\": 0.3", "\"dropRatio\": 1.5"))
                .put("/api/push/lifecycle/lines").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("newForDays", "silentAfterDays", "dropRatio"));
        operator().body("{\"silentAfterDays\": 10, \"atRiskAfterDays\": 20}").put("/api/push/lifecycle/lines").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("newForDays", "churnedAfterDays", "resurrectedForDays", "dropRatio", "dropMinWeeklyBaseline"));
        operator().body("{\"silentAfterDays\": \"ten\"}").put("/api/push/lifecycle/lines").then().statusCode(400)
                .contentType("application/problem+json");
        assertEquals(0, Sql.count("select count(*) from lifecycle_lines"));
        assertEquals(0, Sql.count("select count(*) from lifecycle_lines_change"));
    }

    @Test
    void aStaleIfMatchIsRefusedAndOnlyOperatorsAndAdminsMayEdit() {
        operator().header("If-Match", "\"0\"").body(WIDER).put("/api/push/lifecycle/lines").then().statusCode(200);
        operator().header("If-Match", "\"0\"").body(WIDER.replace("\"newForDays\": 3", "\"newForDays\": 4"))
                .put("/api/push/lifecycle/lines").then().statusCode(412).contentType("application/problem+json");
        operator().header("If-Match", "soon").body(WIDER).put("/api/push/lifecycle/lines").then().statusCode(400)
                .body("errors[0].field", equalTo("If-Match"));
        Api.as(TestTokens.appUser("someone")).body(WIDER).put("/api/push/lifecycle/lines").then().statusCode(403);
        Api.as(TestTokens.service()).get("/api/push/lifecycle/lines").then().statusCode(403);
        io.restassured.RestAssured.given().get("/api/push/lifecycle/lines").then().statusCode(401);
        assertEquals(3, Sql.count("select new_for_days from lifecycle_lines"));
        assertEquals(1, Sql.count("select count(*) from lifecycle_lines_change"));
    }

    @Test
    void aRetriedPutWithTheSameKeyGetsTheFirstAnswerInsteadOfAStaleVersion() {
        var put = operator().header("If-Match", "\"0\"").header("Idempotency-Key", "lines-1").body(WIDER);
        put.put("/api/push/lifecycle/lines").then().statusCode(200).header("ETag", "\"1\"").header("Idempotent-Replayed", nullValue());
        operator().header("If-Match", "\"0\"").header("Idempotency-Key", "lines-1").body(WIDER)
                .put("/api/push/lifecycle/lines").then().statusCode(200).header("ETag", "\"1\"").header("Idempotent-Replayed", "true")
                .body("silentAfterDays", equalTo(10));
        assertEquals(1, Sql.count("select count(*) from lifecycle_lines_change"));
    }
}
