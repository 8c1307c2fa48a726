package io.yunying.push.importing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static io.yunying.push.support.Api.operator;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The export carries addresses and consents on request, and what it writes reads back through an import. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class ExportRoundTripTest {

    static final Instant NOW = Instant.parse("2026-07-01T09:30:00.123456Z");

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

    /** One contact reachable on every channel with consents per channel and topic, one with nothing, one erased. */
    private void audience() {
        Api.contact("rt-1", "\"region\": \"CN-31\", \"signedUpAt\": \"2026-02-03T04:05:06Z\", \"membershipTier\": \"gold\", "
                + "\"attributes\": {\"note\": \"a, \\\"b\\\"\", \"level\": 12, \"vip\": true}");
        Api.contact("rt-2", "\"locale\": \"en\", \"timeZone\": \"Europe/London\"");
        Api.contact("rt-3", "");
        operator().body("{\"address\": \"rt1@example.com\"}").put("/api/push/contacts/rt-1/addresses/EMAIL").then().statusCode(200);
        operator().body("{\"address\": \"+8613800138000\"}").put("/api/push/contacts/rt-1/addresses/SMS").then().statusCode(200);
        Api.as(TestTokens.appUser("rt-1")).body("{\"token\": \"apns-ipad\"}").put("/api/push/me/tokens/ipad").then().statusCode(200);
        Api.as(TestTokens.appUser("rt-1")).body("{\"token\": \"fcm-phone\"}").put("/api/push/me/tokens/phone").then().statusCode(200);
        operator().body("{\"channel\": \"EMAIL\", \"status\": \"SUBSCRIBED\", \"source\": \"signup-form\"}")
                .put("/api/push/contacts/rt-1/consents").then().statusCode(200);
        clock.advance(Duration.ofMinutes(5));
        operator().body("{\"channel\": \"EMAIL\", \"topic\": \"promotions\", \"status\": \"UNSUBSCRIBED\", \"source\": \"preference-centre\"}")
                .put("/api/push/contacts/rt-1/consents").then().statusCode(200);
        Api.as(TestTokens.appUser("rt-1")).body("{\"channel\": \"PUSH\", \"status\": \"SUBSCRIBED\"}").put("/api/push/me/consents").then().statusCode(200);
        Api.contact("rt-3-erased", "");
        operator().body("{\"address\": \"gone@example.com\"}").put("/api/push/contacts/rt-3-erased/addresses/EMAIL").then().statusCode(200);
        operator().delete("/api/push/contacts/rt-3-erased").then().statusCode(204);
    }

    private static String export(String accept, String include) {
        return given().header("Authorization", TestTokens.operator()).accept(accept)
                .get("/api/push/exports/contacts" + (include == null ? "" : "?include=" + include))
                .then().statusCode(200).extract().asString();
    }

    private static ValidatableResponse importWhole(String format, String body) {
        String id = operator().body("{\"format\": \"" + format + "\"}").post("/api/push/imports").then().statusCode(201).extract().path("id");
        return given().header("Authorization", TestTokens.operator()).contentType(format.equals("csv") ? "text/csv" : "application/x-ndjson")
                .body(body.getBytes(StandardCharsets.UTF_8)).post("/api/push/imports/" + id + "/parts/1").then().statusCode(200);
    }

    @Test
    void theCsvExportCarriesAddressesAndConsentsAsJsonCells() {
        audience();
        String csv = export("text/csv", "addresses,consents");
        List<List<String>> records = Csv.parse(csv);
        List<String> header = records.get(0);
        assertEquals(List.of("attributes", "addresses", "consents"), header.subList(header.size() - 3, header.size()));
        assertEquals(4, records.size(), "header and three live contacts");
        List<String> rt1 = records.get(1);
        assertEquals("rt-1", rt1.get(0));
        assertEquals("[{\"channel\":\"EMAIL\",\"address\":\"rt1@example.com\"},{\"channel\":\"PUSH\",\"deviceId\":\"ipad\",\"address\":\"apns-ipad\"},"
                + "{\"channel\":\"PUSH\",\"deviceId\":\"phone\",\"address\":\"fcm-phone\"},{\"channel\":\"SMS\",\"address\":\"+8613800138000\"}]",
                rt1.get(header.indexOf("addresses")));
        assertEquals("[{\"channel\":\"EMAIL\",\"topic\":\"*\",\"status\":\"SUBSCRIBED\",\"source\":\"signup-form\",\"changedAt\":\"2026-07-01T09:30:00.123456Z\"},"
                + "{\"channel\":\"EMAIL\",\"topic\":\"promotions\",\"status\":\"UNSUBSCRIBED\",\"source\":\"preference-centre\",\"changedAt\":\"2026-07-01T09:35:00.123456Z\"},"
                + "{\"channel\":\"PUSH\",\"topic\":\"*\",\"status\":\"SUBSCRIBED\",\"source\":\"app\",\"changedAt\":\"2026-07-01T09:35:00.123456Z\"}]",
                rt1.get(header.indexOf("consents")));
        assertEquals("[]", records.get(2).get(header.indexOf("addresses")));
        assertEquals("[]", records.get(2).get(header.indexOf("consents")));

        String plain = export("text/csv", null);
        assertTrue(plain.startsWith(String.join(",", header.subList(0, header.size() - 2)) + "\n"), "without include the columns stay as they were");
        assertEquals(-1, plain.indexOf("rt1@example.com"));
        assertEquals(header.size() - 1, Csv.parse(export("text/csv", "consents")).get(0).size());
    }

    @Test
    void theNdjsonExportCarriesTheSameArrays() throws Exception {
        audience();
        String[] lines = export("application/x-ndjson", "consents,addresses").split("\n");
        assertEquals(3, lines.length);
        JsonNode rt1 = new ObjectMapper().readTree(lines[0]);
        assertEquals("rt-1", rt1.get("externalId").asText());
        assertEquals(4, rt1.get("addresses").size());
        assertEquals("ipad", rt1.get("addresses").get(1).get("deviceId").asText());
        assertEquals(3, rt1.get("consents").size());
        assertEquals("promotions", rt1.get("consents").get(1).get("topic").asText());
        assertEquals(0, new ObjectMapper().readTree(lines[1]).get("addresses").size());
        assertTrue(new ObjectMapper().readTree(lines[1]).has("consents"));
        assertTrue(!new ObjectMapper().readTree(export("application/x-ndjson", null).split("\n")[0]).has("addresses"));
    }

    @Test
    void pagesFollowEachOtherWithoutBlankLines() {
        Db.exec("""
                insert into contact (external_id, platform, locale, time_zone, signed_up_at, created_at, updated_at)
                select 'many-' || g, 'IOS', 'zh-CN', 'Asia/Shanghai', now(), now(), now() from generate_series(1, 2500) g""");
        String ndjson = export("application/x-ndjson", "addresses,consents");
        assertEquals(-1, ndjson.indexOf("\n\n"));
        assertEquals(2500, ndjson.split("\n").length);
        assertTrue(ndjson.endsWith("}\n"));
        String csv = export("text/csv", "addresses,consents");
        assertEquals(-1, csv.indexOf("\n\n"));
        assertEquals(2501, csv.split("\n").length);
    }

    @Test
    void anUnknownIncludeIsRefusedAndOnlyStaffMayExport() {
        given().header("Authorization", TestTokens.operator()).accept("text/csv").get("/api/push/exports/contacts?include=addresses,passwords")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("include"));
        given().header("Authorization", TestTokens.admin()).accept("application/x-ndjson").get("/api/push/exports/contacts?include=consents")
                .then().statusCode(200);
        given().header("Authorization", TestTokens.appUser("rt-1")).accept("text/csv").get("/api/push/exports/contacts?include=consents")
                .then().statusCode(403);
        given().header("Authorization", TestTokens.service()).accept("text/csv").get("/api/push/exports/contacts?include=consents")
                .then().statusCode(403);
    }

    @Test
    void aCsvExportReadsBackThroughAnImport() {
        audience();
        String first = export("text/csv", "addresses,consents");
        Db.clearAudience();
        importWhole("csv", first).body("rows", equalTo(3)).body("upserted", equalTo(3)).body("rejected", equalTo(0));
        assertEquals(first, export("text/csv", "addresses,consents"));
        assertEquals(3, Sql.count("select count(*) from consent_log l join contact c on c.id = l.contact_id where c.external_id = 'rt-1'"));
        assertEquals("preference-centre", Sql.string("select k.source from consent k join contact c on c.id = k.contact_id where c.external_id = 'rt-1' and k.topic = 'promotions'"));
        assertEquals("12", Sql.string("select attributes ->> 'level' from contact where external_id = 'rt-1'"));
        assertEquals("number", Sql.string("select jsonb_typeof(attributes -> 'level') from contact where external_id = 'rt-1'"));
        operator().get("/api/push/contacts/rt-1/consents/check?channel=EMAIL&topic=promotions").then().statusCode(200).body("granted", equalTo(false));
        operator().get("/api/push/contacts/rt-1/consents/check?channel=EMAIL&topic=news").then().statusCode(200).body("granted", equalTo(true));

        // reading the same file again into the same contacts changes nothing
        importWhole("csv", first).body("rejected", equalTo(0));
        assertEquals(3, Sql.count("select count(*) from consent_log l join contact c on c.id = l.contact_id where c.external_id = 'rt-1'"));
        assertEquals(first, export("text/csv", "addresses,consents"));
    }

    @Test
    void anNdjsonExportReadsBackThroughAnImport() {
        audience();
        String first = export("application/x-ndjson", "addresses,consents");
        Db.clearAudience();
        importWhole("ndjson", first).body("rows", equalTo(3)).body("rejected", equalTo(0));
        assertEquals(first, export("application/x-ndjson", "addresses,consents"));
    }

    @Test
    void anImportedChoiceOlderThanTheContactsOwnNeverUndoesIt() {
        Api.contact("rt-old", "");
        Api.as(TestTokens.appUser("rt-old")).body("{\"channel\": \"EMAIL\", \"status\": \"UNSUBSCRIBED\"}").put("/api/push/me/consents").then().statusCode(200);
        importWhole("ndjson", """
                {"externalId": "rt-old", "consents": [{"channel": "EMAIL", "status": "SUBSCRIBED", "source": "crm", "changedAt": "2026-06-01T00:00:00Z"}]}
                """).body("upserted", equalTo(1)).body("rejected", equalTo(0));
        assertEquals("UNSUBSCRIBED", Sql.string("select k.status from consent k join contact c on c.id = k.contact_id where c.external_id = 'rt-old'"));
        clock.advance(Duration.ofHours(1));
        importWhole("ndjson", """
                {"externalId": "rt-old", "consents": [{"channel": "EMAIL", "status": "SUBSCRIBED"}]}
                """).body("rejected", equalTo(0));
        assertEquals("SUBSCRIBED", Sql.string("select k.status from consent k join contact c on c.id = k.contact_id where c.external_id = 'rt-old'"));
        assertEquals("import", Sql.string("select k.source from consent k join contact c on c.id = k.contact_id where c.external_id = 'rt-old'"));
        assertEquals(2, Sql.count("select count(*) from consent_log l join contact c on c.id = l.contact_id where c.external_id = 'rt-old'"));
    }

    @Test
    void badAddressesAndConsentsRefuseTheirRowByPath() {
        importWhole("csv", """
                externalId,platform,addresses,consents
                rt-a,IOS,"[{""channel"": ""PUSH"", ""address"": ""tok""}, {""channel"": ""EMAIL"", ""address"": ""nope""}]",
                rt-b,IOS,,"[{""channel"": ""FAX"", ""status"": ""SUBSCRIBED""}, {""channel"": ""SMS"", ""status"": ""MAYBE"", ""topic"": ""Bad Topic""}]"
                rt-c,IOS,not json,
                rt-d,IOS,"[{""channel"": ""SMS"", ""address"": ""+8613800000000"", ""deviceId"": ""x""}, {""channel"": ""IN_APP"", ""address"": ""inbox"", ""colour"": ""red""}]",
                rt-e,IOS,"[{""channel"": ""EMAIL"", ""address"": ""e@example.com""}, {""channel"": ""EMAIL"", ""address"": ""f@example.com""}]","[{""channel"": ""EMAIL"", ""status"": ""SUBSCRIBED"", ""changedAt"": ""yesterday""}]"
                rt-ok,ANDROID,"[{""channel"": ""IN_APP"", ""address"": ""inbox-1""}]","[{""channel"": ""IN_APP"", ""topic"": ""news"", ""status"": ""SUBSCRIBED""}]"
                """).body("rows", equalTo(6)).body("upserted", equalTo(1)).body("rejected", equalTo(5))
                .body("errors.field", contains("addresses[0].deviceId", "addresses[1].address",
                        "consents[0].channel", "consents[1].topic", "consents[1].status",
                        "addresses",
                        "addresses[0].deviceId", "addresses[1].colour",
                        "addresses[1]", "consents[0].changedAt"));
        assertEquals(1, Sql.count("select count(*) from contact where external_id like 'rt-%'"));
        assertEquals("inbox-1", Sql.string("select a.address from contact_address a join contact c on c.id = a.contact_id where c.external_id = 'rt-ok' and a.channel = 'IN_APP'"));
        assertEquals("SUBSCRIBED", Sql.string("select k.status from consent k join contact c on c.id = k.contact_id where c.external_id = 'rt-ok' and k.topic = 'news'"));
        assertEquals("import", Sql.string("select k.source from consent k join contact c on c.id = k.contact_id where c.external_id = 'rt-ok'"));
    }
}
