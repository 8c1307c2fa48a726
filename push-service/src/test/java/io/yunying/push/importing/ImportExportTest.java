package io.yunying.push.importing;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.yunying.push.support.Api;
import io.yunying.push.support.Db;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.Sql;
import io.yunying.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static io.yunying.push.support.Api.operator;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class ImportExportTest {

    @BeforeEach
    void clean() {
        Db.clearAudience();
    }

    private static String start(String format) {
        return operator().body("{\"format\": \"" + format + "\"}").post("/api/push/imports").then().statusCode(201).extract().path("id");
    }

    private static io.restassured.response.ValidatableResponse part(String id, int n, String type, String body) {
        return given().header("Authorization", TestTokens.operator()).contentType(type).body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/push/imports/" + id + "/parts/" + n).then();
    }

    @Test
    void aCsvFileInPartsUpsertsAndReportsEveryBadRowByItsNumber() {
        Api.contact("known", "\"region\": \"CN-11\", \"membershipTier\": \"gold\"");
        String id = start("csv");
        part(id, 1, "text/csv", """
                externalId,platform,region,gender,email,attr.level,signedUpAt
                imp-1,IOS,CN-31,FEMALE,one@example.com,12,2026-01-05T00:00:00Z
                imp-2,ANDROID,CN-44,ROBOT,,,
                known,,CN-31,,,,
                """).statusCode(200)
                .body("rows", equalTo(3)).body("upserted", equalTo(2)).body("rejected", equalTo(1))
                .body("errors[0].row", equalTo(2)).body("errors[0].field", equalTo("gender"));
        part(id, 2, "text/csv", """
                imp-1,,,,,13,
                imp-3,WEB,"Shanghai, Pudong",,,,not-a-time
                """).statusCode(200)
                .body("rows", equalTo(2)).body("upserted", equalTo(1)).body("rejected", equalTo(1))
                .body("errors[0].row", equalTo(5)).body("errors[0].field", equalTo("signedUpAt"))
                .body("job.rowsReceived", equalTo(5)).body("job.rowsUpserted", equalTo(3)).body("job.rowsRejected", equalTo(2));

        assertEquals("CN-31", Sql.string("select region from contact where external_id = 'imp-1'"));
        assertEquals("13", Sql.string("select attributes ->> 'level' from contact where external_id = 'imp-1'"));
        assertEquals("IOS", Sql.string("select platform from contact where external_id = 'imp-1'"));
        assertEquals("2026-01-05", Sql.string("select (signed_up_at at time zone 'UTC')::date::text from contact where external_id = 'imp-1'"));
        assertEquals("one@example.com", Sql.string("select a.address from contact_address a join contact c on c.id = a.contact_id where c.external_id = 'imp-1' and a.channel = 'EMAIL'"));
        // an empty cell keeps what was there
        assertEquals("CN-31", Sql.string("select region from contact where external_id = 'known'"));
        assertEquals("gold", Sql.string("select membership_tier from contact where external_id = 'known'"));
        assertEquals(0, Sql.count("select count(*) from contact where external_id in ('imp-2', 'imp-3')"));

        operator().get("/api/push/imports/" + id + "/errors").then().statusCode(200)
                .body("row", contains(2, 5)).body("field", contains("gender", "signedUpAt"));
        operator().get("/api/push/imports/" + id + "/errors?afterRow=2").then().statusCode(200).body("row", contains(5));

        // a retried part is recognised, a skipped one refused
        part(id, 2, "text/csv", "imp-9,IOS,,,,,\n").statusCode(200).body("alreadyApplied", equalTo(true));
        assertEquals(0, Sql.count("select count(*) from contact where external_id = 'imp-9'"));
        part(id, 4, "text/csv", "imp-9,IOS,,,,,\n").statusCode(409).body("expectedPart", equalTo(3));
        operator().get("/api/push/imports/" + id).then().statusCode(200).body("parts", equalTo(2)).body("rowsReceived", equalTo(5));
    }

    @Test
    void quotedCsvFieldsKeepCommasQuotesAndLineBreaks() {
        String id = start("csv");
        part(id, 1, "text/csv", "externalId,region,attr.motto\r\nq-1,\"CN-31\",\"say \"\"hi\"\", then\nleave\"\r\nq-1,CN-11,last wins\r\n")
                .statusCode(200).body("rows", equalTo(2)).body("upserted", equalTo(1));
        assertEquals("CN-11", Sql.string("select region from contact where external_id = 'q-1'"));
        assertEquals("last wins", Sql.string("select attributes ->> 'motto' from contact where external_id = 'q-1'"));
    }

    @Test
    void aBadHeaderRefusesThePart() {
        String id = start("csv");
        part(id, 1, "text/csv", "externalId,password\nx,y\n").statusCode(400).body("errors[0].field", equalTo("header[1]"));
        part(id, 1, "text/csv", "region\nCN-31\n").statusCode(400).body("errors[0].field", equalTo("header"));
        operator().get("/api/push/imports/" + id).then().statusCode(200).body("parts", equalTo(0));
    }

    @Test
    void ndjsonLinesAreCheckedOneByOne() {
        String id = start("ndjson");
        part(id, 1, "application/x-ndjson", """
                {"externalId": "n-1", "platform": "HARMONY", "timeZone": "Europe/Berlin", "attributes": {"vip": true}}
                {"externalId": "n-2", "timeZone": "Atlantis/Capital"}
                not json at all
                {"externalId": "n-3", "favouriteColour": "blue"}
                ["n-4"]
                {"externalId": "n-5", "phone": "+8613800138000"}
                """).statusCode(200)
                .body("rows", equalTo(6)).body("upserted", equalTo(2)).body("rejected", equalTo(4))
                .body("errors.row", contains(2, 3, 4, 5))
                .body("errors.field", contains("timeZone", "", "favouriteColour", ""));
        assertEquals("true", Sql.string("select attributes ->> 'vip' from contact where external_id = 'n-1'"));
        assertEquals("Europe/Berlin", Sql.string("select time_zone from contact where external_id = 'n-1'"));
        assertEquals(1, Sql.count("select count(*) from contact_address a join contact c on c.id = a.contact_id where c.external_id = 'n-5' and a.channel = 'SMS'"));
    }

    @Test
    void exportStreamsLiveContactsInBothFormats() {
        Api.contact("x-1", "\"region\": \"CN-31\", \"attributes\": {\"note\": \"a, b\"}");
        Api.contact("x-2", "");
        Api.contact("x-3", "");
        operator().delete("/api/push/contacts/x-3").then().statusCode(204);
        String csv = given().header("Authorization", TestTokens.operator()).accept("text/csv")
                .get("/api/push/exports/contacts").then().statusCode(200)
                .body(containsString("externalId,platform")).body(not(containsString("x-3"))).extract().asString();
        assertEquals(3, csv.strip().split("\n").length);
        given().header("Authorization", TestTokens.operator()).accept("application/x-ndjson")
                .get("/api/push/exports/contacts").then().statusCode(200)
                .body(containsString("\"externalId\":\"x-1\"")).body(containsString("\"note\":\"a, b\""));
        given().header("Authorization", TestTokens.appUser("x-1")).get("/api/push/exports/contacts").then().statusCode(403);
        Api.as(TestTokens.appUser("x-1")).body("{\"format\": \"csv\"}").post("/api/push/imports").then().statusCode(403);
        operator().body("{\"format\": \"xlsx\"}").post("/api/push/imports").then().statusCode(400).body("errors[0].field", equalTo("format"));
    }
}
