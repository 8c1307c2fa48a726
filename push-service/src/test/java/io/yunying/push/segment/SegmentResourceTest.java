package io.yunying.push.segment;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.yunying.push.support.Api;
import io.yunying.push.support.Db;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.Sql;
import io.yunying.testsupport.TestClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.yunying.push.support.Api.event;
import static io.yunying.push.support.Api.operator;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class SegmentResourceTest {

    static final Instant NOW = Instant.parse("2026-04-20T08:00:00Z");
    static final String SHANGHAI = "{\"attribute\": \"region\", \"op\": \"eq\", \"value\": \"CN-31\"}";
    static final String BUYERS = "{\"event\": \"purchase\", \"op\": \"performed\", \"withinDays\": 30}";

    @Inject
    TestClock clock;

    @BeforeEach
    void audience() {
        Db.clearAudience();
        clock.set(NOW);
        Api.contact("s1", "\"region\": \"CN-31\"");
        Api.contact("s2", "\"region\": \"CN-31\"");
        Api.contact("s3", "\"region\": \"CN-11\"");
        Api.send(event("s1", "purchase", NOW.minus(Duration.ofDays(2))).replace("}", ", \"amount\": 5}"),
                event("s3", "purchase", NOW.minus(Duration.ofDays(2))).replace("}", ", \"amount\": 5}"));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static void create(String key, String rule, boolean materialised) {
        operator().body("{\"key\": \"" + key + "\", \"name\": \"" + key + "\", \"rule\": " + rule + ", \"materialised\": " + materialised + "}")
                .post("/api/push/segments").then().statusCode(201);
    }

    @Test
    void aMaterialisedSegmentKeepsItsMembershipUntilRefreshed() {
        create("shanghai", SHANGHAI, true);
        operator().get("/api/push/segments/shanghai").then().statusCode(200)
                .body("memberCount", nullValue()).body("rule.value", equalTo("CN-31"));
        operator().post("/api/push/segments/shanghai/refresh").then().statusCode(200)
                .body("memberCount", equalTo(2)).body("refreshedAt", notNullValue());
        assertEquals(2, Sql.count("select count(*) from segment_member m join segment s on s.id = m.segment_id where s.key = 'shanghai'"));
        operator().get("/api/push/segments/shanghai/members").then().statusCode(200).body("items", contains("s1", "s2"));

        operator().body("{\"region\": \"CN-44\"}").patch("/api/push/contacts/s2").then().statusCode(200);
        Api.contact("s4", "\"region\": \"CN-31\"");
        operator().get("/api/push/segments/shanghai/members").then().statusCode(200).body("items", contains("s1", "s2"));
        operator().get("/api/push/segments/shanghai/count").then().statusCode(200).body("count", equalTo(2));
        operator().post("/api/push/segments/shanghai/refresh").then().statusCode(200).body("memberCount", equalTo(2));
        operator().get("/api/push/segments/shanghai/members?limit=1").then().statusCode(200)
                .body("items", contains("s1")).body("nextCursor", notNullValue());
        operator().get("/api/push/segments/shanghai/members").then().statusCode(200).body("items", contains("s1", "s4"));
    }

    @Test
    void inOneSegmentAndNotInAnother() {
        create("shanghai", SHANGHAI, true);
        create("buyers", BUYERS, true);
        operator().post("/api/push/segments/shanghai/refresh").then().statusCode(200);
        operator().post("/api/push/segments/buyers/refresh").then().statusCode(200).body("memberCount", equalTo(2));
        String rule = "{\"all\": [{\"segment\": \"shanghai\"}, {\"segment\": \"buyers\", \"op\": \"not_in\"}]}";
        operator().body("{\"rule\": " + rule + "}").post("/api/push/segments/preview").then().statusCode(200).body("count", equalTo(1));
        create("shanghai-non-buyers", rule, false);
        operator().get("/api/push/segments/shanghai-non-buyers/members").then().statusCode(200).body("items", contains("s2"));

        operator().delete("/api/push/segments/buyers").then().statusCode(409).body("referencedBy", contains("shanghai-non-buyers"));
        operator().body("{\"key\": \"buyers\", \"name\": \"b\", \"rule\": " + BUYERS + ", \"materialised\": false}")
                .put("/api/push/segments/buyers").then().statusCode(409);
        operator().delete("/api/push/segments/shanghai-non-buyers").then().statusCode(204);
        operator().delete("/api/push/segments/buyers").then().statusCode(204);
        assertEquals(0, Sql.count("select count(*) from segment where key = 'buyers'"));
    }

    @Test
    void referencesMustBeMaterialisedAndNotSelf() {
        create("live-one", SHANGHAI, false);
        operator().body("{\"rule\": {\"segment\": \"live-one\"}}").post("/api/push/segments/preview").then().statusCode(400)
                .body("errors[0].field", equalTo("rule.segment"))
                .body("errors[0].message", containsString("not materialised"));
        operator().post("/api/push/segments/live-one/refresh").then().statusCode(409);
        create("mat", SHANGHAI, true);
        operator().body("{\"key\": \"mat\", \"name\": \"m\", \"rule\": {\"any\": [" + SHANGHAI + ", {\"segment\": \"mat\"}]}, \"materialised\": true}")
                .put("/api/push/segments/mat").then().statusCode(400)
                .body("errors[0].field", equalTo("rule.any[1].segment"))
                .body("errors[0].message", containsString("cannot contain itself"));
    }

    @Test
    void savingValidatesEverythingAndKeysAreUnique() {
        operator().body("{\"key\": \"Bad Key\", \"rule\": {\"attribute\": \"nope\", \"op\": \"eq\", \"value\": 1}}")
                .post("/api/push/segments").then().statusCode(400);
        operator().body("{\"key\": \"ok\", \"name\": \"ok\", \"rule\": {\"attribute\": \"nope\", \"op\": \"eq\", \"value\": 1}}")
                .post("/api/push/segments").then().statusCode(400).body("errors[0].field", equalTo("rule.attribute"));
        assertEquals(0, Sql.count("select count(*) from segment"));
        create("dup", SHANGHAI, false);
        operator().body("{\"key\": \"dup\", \"name\": \"again\", \"rule\": " + SHANGHAI + "}").post("/api/push/segments")
                .then().statusCode(409).body("type", equalTo("urn:yunying:problem:segment-exists"));
    }

    @Test
    void updatesCheckIfMatch() {
        create("versioned", SHANGHAI, false);
        String etag = operator().get("/api/push/segments/versioned").then().extract().header("ETag");
        operator().header("If-Match", etag).body("{\"key\": \"versioned\", \"name\": \"renamed\", \"rule\": " + BUYERS + "}")
                .put("/api/push/segments/versioned").then().statusCode(200).body("name", equalTo("renamed")).body("version", equalTo(1));
        operator().header("If-Match", etag).body("{\"key\": \"versioned\", \"name\": \"stale\", \"rule\": " + BUYERS + "}")
                .put("/api/push/segments/versioned").then().statusCode(412);
        operator().get("/api/push/segments/versioned/count").then().statusCode(200).body("count", equalTo(2));
        operator().get("/api/push/segments?limit=1").then().statusCode(200).body("items", hasSize(1));
        operator().get("/api/push/segments/none").then().statusCode(404);
    }
}
