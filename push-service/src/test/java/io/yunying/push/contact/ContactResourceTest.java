package io.yunying.push.contact;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.yunying.push.support.Api;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.Sql;
import io.yunying.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static io.yunying.push.support.Api.operator;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class ContactResourceTest {

    @Test
    void aContactIsRegisteredOnceWithItsTimeZone() {
        String body = "{\"externalId\": \"u-10086\", \"platform\": \"ANDROID\", \"timeZone\": \"America/New_York\", \"locale\": \"en\"}";
        given().header("Authorization", TestTokens.operator()).contentType(ContentType.JSON).body(body).when().post("/api/push/contacts")
                .then().statusCode(201).body("timeZone", equalTo("America/New_York"));
        given().header("Authorization", TestTokens.operator()).contentType(ContentType.JSON).body(body).when().post("/api/push/contacts")
                .then().statusCode(409).body("type", equalTo("urn:yunying:problem:contact-exists"));

        assertEquals(1, Sql.count("select count(*) from contact where external_id = 'u-10086'"));
        given().header("Authorization", TestTokens.operator()).when().get("/api/push/contacts/u-10086").then().statusCode(200)
                .body("platform", equalTo("ANDROID"))
                .body("locale", equalTo("en"));
    }

    @Test
    void theDefaultZoneIsShanghaiAndAnUnknownZoneIsRefused() {
        given().header("Authorization", TestTokens.operator()).contentType(ContentType.JSON).body("{\"externalId\": \"u-cn\", \"platform\": \"IOS\"}")
                .when().post("/api/push/contacts")
                .then().statusCode(201).body("timeZone", equalTo("Asia/Shanghai")).body("locale", equalTo("zh-CN"));
        given().header("Authorization", TestTokens.operator()).contentType(ContentType.JSON).body("{\"externalId\": \"u-mars\", \"platform\": \"IOS\", \"timeZone\": \"Mars/Olympus\"}")
                .when().post("/api/push/contacts")
                .then().statusCode(400).body("errors[0].field", equalTo("timeZone"));
        assertEquals(0, Sql.count("select count(*) from contact where external_id = 'u-mars'"));
    }

    @Test
    void aFullProfileIsStoredAndReadBack() {
        operator().body("""
                        {"externalId": "u-full", "platform": "IOS", "region": "CN-31", "acquisitionChannel": "douyin-ads",
                         "gender": "FEMALE", "ageBand": "25-34", "appVersion": "5.2.0", "deviceModel": "iPhone15,2",
                         "membershipTier": "gold", "membershipExpiresAt": "2027-03-01T00:00:00Z",
                         "attributes": {"favouriteTeam": "shenhua", "level": 12, "beta": true},
                         "doNotDisturb": {"start": "22:00", "end": "08:00"}}""")
                .post("/api/push/contacts").then().statusCode(201)
                .body("ageBand", equalTo("25-34"))
                .body("attributes.level", equalTo(12))
                .body("doNotDisturb.start", equalTo("22:00:00"));
        assertEquals("shenhua", Sql.string("select attributes ->> 'favouriteTeam' from contact where external_id = 'u-full'"));
        assertEquals("gold", Sql.string("select membership_tier from contact where external_id = 'u-full'"));
    }

    @Test
    void badProfileValuesAreAllNamed() {
        operator().body("{\"externalId\": \"u-bad\", \"platform\": \"IOS\", \"ageBand\": \"30-40\", \"gender\": \"FEMALE\", \"attributes\": {\"9lives\": 1, \"ok\": {\"nested\": 1}}}")
                .post("/api/push/contacts").then().statusCode(400).body("errors.field", hasItem("ageBand"));
        operator().body("{\"externalId\": \"u-bad\", \"platform\": \"IOS\", \"attributes\": {\"9lives\": 1, \"ok\": {\"nested\": 1}}}")
                .post("/api/push/contacts").then().statusCode(400)
                .body("errors.field", hasItem("attributes.9lives"))
                .body("errors.field", hasItem("attributes.ok"));
        assertEquals(0, Sql.count("select count(*) from contact where external_id = 'u-bad'"));
    }

    @Test
    void anUpdateMergesFieldsAndChecksIfMatch() {
        Api.contact("u-upd", "\"region\": \"CN-11\", \"attributes\": {\"a\": \"1\", \"b\": \"2\"}");
        String etag = operator().get("/api/push/contacts/u-upd").then().statusCode(200).extract().header("ETag");
        operator().header("If-Match", etag).body("{\"membershipTier\": \"silver\", \"attributes\": {\"a\": null, \"c\": 3}}")
                .patch("/api/push/contacts/u-upd").then().statusCode(200)
                .body("region", equalTo("CN-11"))
                .body("membershipTier", equalTo("silver"))
                .body("attributes.a", nullValue())
                .body("attributes.b", equalTo("2"))
                .body("attributes.c", equalTo(3))
                .body("version", equalTo(1));
        operator().header("If-Match", etag).body("{\"membershipTier\": \"gold\"}")
                .patch("/api/push/contacts/u-upd").then().statusCode(412);
        assertEquals("silver", Sql.string("select membership_tier from contact where external_id = 'u-upd'"));
        operator().body("{\"externalId\": \"someone-else\"}").patch("/api/push/contacts/u-upd").then().statusCode(400)
                .body("errors[0].field", equalTo("externalId"));
    }

    @Test
    void addressesArePerChannelAndPushTokensPerDevice() {
        Api.contact("u-addr", "");
        operator().body("{\"address\": \"a@example.com\"}").put("/api/push/contacts/u-addr/addresses/EMAIL").then().statusCode(200);
        operator().body("{\"address\": \"tok-1\", \"deviceId\": \"phone\"}").put("/api/push/contacts/u-addr/addresses/PUSH").then().statusCode(200);
        operator().body("{\"address\": \"tok-2\", \"deviceId\": \"tablet\"}").put("/api/push/contacts/u-addr/addresses/PUSH").then().statusCode(200);
        operator().body("{\"address\": \"tok-3\", \"deviceId\": \"phone\"}").put("/api/push/contacts/u-addr/addresses/PUSH").then().statusCode(200);
        operator().body("{\"address\": \"tok-4\"}").put("/api/push/contacts/u-addr/addresses/PUSH").then().statusCode(400)
                .body("errors[0].field", equalTo("deviceId"));
        operator().body("{\"address\": \"not-an-email\"}").put("/api/push/contacts/u-addr/addresses/EMAIL").then().statusCode(400)
                .body("errors[0].field", equalTo("address"));
        operator().body("{\"address\": \"12ab\"}").put("/api/push/contacts/u-addr/addresses/SMS").then().statusCode(400);
        operator().get("/api/push/contacts/u-addr/addresses").then().statusCode(200)
                .body("findAll { it.channel == 'PUSH' }.address", contains("tok-3", "tok-2"))
                .body("find { it.channel == 'EMAIL' }.address", equalTo("a@example.com"));
        operator().delete("/api/push/contacts/u-addr/addresses/PUSH?deviceId=tablet").then().statusCode(204);
        operator().delete("/api/push/contacts/u-addr/addresses/PUSH?deviceId=tablet").then().statusCode(404);
        assertEquals(2, Sql.count("select count(*) from contact_address a join contact c on c.id = a.contact_id where c.external_id = 'u-addr'"));
    }

    @Test
    void theListPagesWithACursor() {
        for (int i = 0; i < 3; i++) {
            Api.contact("u-page-" + i, "");
        }
        String first = operator().get("/api/push/contacts?limit=2").then().statusCode(200)
                .body("items", hasSize(2)).body("nextCursor", notNullValue()).extract().path("nextCursor");
        operator().get("/api/push/contacts?limit=500&cursor=" + first).then().statusCode(200)
                .body("nextCursor", nullValue());
        operator().get("/api/push/contacts?cursor=garbage!").then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        operator().get("/api/push/contacts?limit=0").then().statusCode(400).body("errors[0].field", equalTo("limit"));
    }
}
