package io.yunying.push.support;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.yunying.testsupport.TestTokens;

import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Short ways to call the push API in tests. */
public final class Api {

    private Api() {
    }

    public static RequestSpecification operator() {
        return given().header("Authorization", TestTokens.operator()).contentType(ContentType.JSON);
    }

    public static RequestSpecification as(String authorization) {
        return given().header("Authorization", authorization).contentType(ContentType.JSON);
    }

    public static void contact(String externalId, String extraJson) {
        operator().body("{\"externalId\": \"" + externalId + "\", \"platform\": \"ANDROID\"" + (extraJson.isEmpty() ? "" : ", " + extraJson) + "}")
                .post("/api/push/contacts").then().statusCode(201);
    }

    public static String event(String externalId, String type, Instant at) {
        return event(UUID.randomUUID().toString(), externalId, type, at, null);
    }

    public static String event(String id, String externalId, String type, Instant at, String amount) {
        return "{\"eventId\": \"" + id + "\", \"externalId\": \"" + externalId + "\", \"type\": \"" + type
                + "\", \"occurredAt\": \"" + at + "\"" + (amount == null ? "" : ", \"amount\": " + amount) + "}";
    }

    public static void send(String... events) {
        operator().body("{\"events\": [" + String.join(",", events) + "]}").post("/api/push/events")
                .then().statusCode(200);
    }
}
