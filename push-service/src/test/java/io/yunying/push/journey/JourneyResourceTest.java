package io.yunying.push.journey;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.yunying.push.support.Api;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.Sql;
import io.yunying.testsupport.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.restassured.RestAssured.given;
import static io.yunying.push.support.Api.operator;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class JourneyResourceTest {

    static final String GOOD = """
            {"key": "churn-offer", "name": "Churned: offer by email", "goalEvent": "purchase",
             "trigger": {"type": "stage_changed", "to": ["churned"]},
             "steps": [{"key": "offer", "type": "send", "template": "offer-edm", "next": "week"},
                       {"key": "week", "type": "wait", "delay": "P7D", "next": "back"},
                       {"key": "back", "type": "condition", "rule": {"attribute": "lifecycle.stage", "op": "eq", "value": "churned"}, "yes": "last"},
                       {"key": "last", "type": "send", "template": "offer-edm", "fallback": ["SMS"]}]}""";

    @BeforeEach
    void clean() {
        Journeys.clear();
        Journeys.template("offer-edm", "EMAIL");
    }

    @Test
    void everyBadPartIsNamedAndNothingIsWritten() {
        operator().body("""
                        {"key": "broken", "name": "Broken", "reEntryAfterDays": 0,
                         "trigger": {"type": "stage_changed", "to": ["sleepy"]},
                         "exits": [{"event": "Purchase!"}],
                         "steps": [{"key": "a", "type": "wait", "delay": "soon", "next": "a"},
                                   {"key": "b", "type": "send", "template": "no-such-template", "channel": "PIGEON"},
                                   {"key": "c", "type": "condition", "rule": {"attribute": "region", "op": "like", "value": "x"}},
                                   {"key": "d", "type": "teleport"}]}""")
                .post("/api/push/journeys")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("reEntryAfterDays"));
        operator().body("""
                        {"key": "broken", "name": "Broken",
                         "trigger": {"type": "stage_changed", "to": ["sleepy"]},
                         "exits": [{"event": "Purchase!"}],
                         "steps": [{"key": "a", "type": "wait", "delay": "soon", "next": "a"},
                                   {"key": "b", "type": "send", "template": "offer-edm", "channel": "PIGEON"},
                                   {"key": "c", "type": "condition", "rule": {"attribute": "region", "op": "like", "value": "x"}},
                                   {"key": "d", "type": "teleport"}]}""")
                .post("/api/push/journeys")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:yunying:problem:invalid-journey"))
                .body("errors.field", containsInAnyOrder("trigger.to[0]", "steps[0].delay", "steps[0].next", "steps[1].channel",
                        "steps[2].rule.op", "steps[3].type", "exits[0].event"));
        operator().body(GOOD.replace("offer-edm\", \"next\"", "missing-edm\", \"next\""))
                .post("/api/push/journeys")
                .then().statusCode(400).body("errors.field", containsInAnyOrder("steps[0].template"));
        operator().body(GOOD.replace("\"stage_changed\", \"to\": [\"churned\"]", "\"content_published\""))
                .post("/api/push/journeys")
                .then().statusCode(400).body("errors.field", containsInAnyOrder("audienceSegment"));
        assertEquals(0, Sql.count("select count(*) from journey"));
    }

    @Test
    void statusesMoveOnlyTheLegalWaysAndVersionsAreChecked() {
        String id = operator().body(GOOD).post("/api/push/journeys").then().statusCode(201)
                .header("ETag", "\"0\"").body("status", equalTo("draft")).body("steps[0].id", notNullValue())
                .extract().path("id");
        String stepId = operator().get("/api/push/journeys/churn-offer").then().statusCode(200).extract().path("steps[0].id");

        operator().post("/api/push/journeys/" + id + "/pause").then().statusCode(409).body("status", equalTo("draft"));
        operator().header("If-Match", "\"7\"").post("/api/push/journeys/" + id + "/activate").then().statusCode(412);
        operator().header("If-Match", "\"0\"").post("/api/push/journeys/" + id + "/activate").then().statusCode(200)
                .body("status", equalTo("active")).body("activatedAt", notNullValue());
        assertEquals(1, Sql.count("select count(*) from journey_cursor where journey_id = ?::uuid", id));

        // a live flow is fixed, its name is not
        operator().body(GOOD.replace("P7D", "P3D")).put("/api/push/journeys/" + id).then().statusCode(409)
                .body("type", equalTo("urn:yunying:problem:journey-live"));
        operator().body(GOOD.replace("Churned: offer by email", "Win back the churned")).put("/api/push/journeys/" + id)
                .then().statusCode(200).body("name", equalTo("Win back the churned")).body("steps[0].id", equalTo(stepId));
        operator().delete("/api/push/journeys/" + id).then().statusCode(409);

        operator().post("/api/push/journeys/" + id + "/pause").then().statusCode(200).body("status", equalTo("paused"));
        operator().post("/api/push/journeys/" + id + "/activate").then().statusCode(200).body("status", equalTo("active"));
        operator().post("/api/push/journeys/" + id + "/archive").then().statusCode(200).body("status", equalTo("archived"));
        operator().post("/api/push/journeys/" + id + "/activate").then().statusCode(409)
                .contentType("application/problem+json").body("type", startsWith("urn:yunying:problem:journey-state"));
        operator().get("/api/push/journeys?status=archived").then().statusCode(200).body("items[0].key", equalTo("churn-offer"));
        operator().get("/api/push/journeys/nope").then().statusCode(404);
    }

    @Test
    void aDraftChangesFreelyAndIsDeleted() {
        String id = operator().body(GOOD).post("/api/push/journeys").then().statusCode(201).extract().path("id");
        operator().body(GOOD).post("/api/push/journeys").then().statusCode(409);
        operator().header("If-Match", "\"0\"").body(GOOD.replace("P7D", "P3D")).put("/api/push/journeys/churn-offer")
                .then().statusCode(200).header("ETag", "\"1\"").body("steps[1].delay", equalTo("P3D"));
        operator().header("If-Match", "\"0\"").body(GOOD).put("/api/push/journeys/churn-offer").then().statusCode(412);
        operator().delete("/api/push/journeys/" + id).then().statusCode(204);
        assertEquals(0, Sql.count("select count(*) from journey"));
    }

    @Test
    void rolesAreChecked() {
        given().contentType("application/json").body(GOOD).post("/api/push/journeys").then().statusCode(401);
        Api.as(TestTokens.moderator()).body(GOOD).post("/api/push/journeys").then().statusCode(403);
        Api.as(TestTokens.appUser("u-1")).get("/api/push/journeys").then().statusCode(403);
        Api.as(TestTokens.service()).post("/api/push/journeys/run").then().statusCode(403);
        Api.as(TestTokens.admin()).body(GOOD).post("/api/push/journeys").then().statusCode(201);
        Api.as(TestTokens.operator()).body("[]").post("/api/push/inbound-events").then().statusCode(403);
        given().contentType("application/json").body("[]").post("/api/push/inbound-events").then().statusCode(401);
        Api.as(TestTokens.service()).body("[{\"type\": \"content.published\"}]").post("/api/push/inbound-events")
                .then().statusCode(400).contentType("application/problem+json");
        assertEquals(0, Sql.count("select count(*) from inbound_event"));
        Api.as(TestTokens.operator()).get("/api/push/reports/journeys/churn-offer").then().statusCode(200);
        Api.as(TestTokens.editor()).get("/api/push/reports/journeys/churn-offer").then().statusCode(403);
        given().get("/api/push/reports/campaigns/" + java.util.UUID.randomUUID()).then().statusCode(401);
    }

    @Test
    void theDemoJourneysAreValid() throws Exception {
        Path demo = Path.of("../launcher/src/main/resources/demo/push-journeys.json");
        JsonNode records = new ObjectMapper().readTree(Files.readString(demo));
        // the templates and the segment the demo journeys use, as the demo data of templates and segments defines them
        Journeys.template("welcome-inbox", "IN_APP");
        Journeys.template("welcome-inbox-b", "IN_APP");
        Journeys.template("recall-push", "PUSH");
        Journeys.template("renewal-sms", "SMS");
        Journeys.template("weekly-digest-email", "EMAIL");
        operator().body("{\"key\": \"email-reachable\", \"name\": \"Reachable by email\", \"materialised\": true, "
                + "\"rule\": {\"consent\": \"EMAIL\", \"op\": \"granted\"}}").post("/api/push/segments").then().statusCode(201);
        int saved = 0;
        for (JsonNode record : records) {
            if (record.has("body")) {
                String id = operator().body(record.get("body").toString()).post(record.get("path").asText())
                        .then().statusCode(201).extract().path("id");
                operator().post("/api/push/journeys/" + id + "/activate").then().statusCode(200);
                saved++;
            }
        }
        assertEquals(4, saved);
        assertEquals(4, Sql.count("select count(*) from journey where status = 'ACTIVE'"));
    }
}
