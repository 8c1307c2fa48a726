package io.yunying.push.contact;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.Sql;
import io.yunying.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
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
}
