package io.yunying.community.board;

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
class BoardResourceTest {

    @Test
    void aBoardIsOpenedOnceAndFoundBySlug() {
        String body = "{\"slug\": \"movies\", \"name\": \" 电影圈 \", \"description\": \"聊电影\"}";
        given().header("Authorization", TestTokens.moderator()).contentType(ContentType.JSON).body(body).when().post("/api/community/boards")
                .then().statusCode(201)
                .header("Location", equalTo(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + "/api/community/boards/movies"))
                .body("name", equalTo("电影圈"));
        given().header("Authorization", TestTokens.moderator()).contentType(ContentType.JSON).body(body).when().post("/api/community/boards")
                .then().statusCode(409).body("type", equalTo("urn:yunying:problem:slug-taken"));

        assertEquals(1, Sql.count("select count(*) from board where slug = 'movies'"));
        given().header("Authorization", TestTokens.moderator()).when().get("/api/community/boards/movies").then().statusCode(200).body("description", equalTo("聊电影"));
        given().header("Authorization", TestTokens.moderator()).when().get("/api/community/boards/nowhere").then().statusCode(404);
    }

    @Test
    void readinessChecksTheDatabase() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
