package io.yunying.testsupport;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The HTTP error contract every service keeps: bad input of every kind gets a clean 4xx in
 * problem+json, never a 500 or a stack trace, and changes nothing. A service's test extends this
 * with one of its own collections.
 */
public abstract class ErrorContractTests {

    private static final String PROBLEM = "application/problem+json";

    /** A collection that accepts POST with a JSON body, e.g. {@code /api/content/items}. */
    protected abstract String collectionPath();

    /** The table that collection writes to; it must be unchanged after every bad request. */
    protected abstract String table();

    /** A body whose field {@link #badValueField()} holds a value of the wrong kind (an unknown enum value, a list for a text...). */
    protected abstract String bodyWithBadValue();

    protected abstract String badValueField();

    /** The fields an empty object is missing. */
    protected abstract List<String> requiredFields();

    /** An {@code Authorization} header allowed to POST to the collection. */
    protected abstract String allowed();

    /** An {@code Authorization} header of a valid user whose roles do not allow the POST. */
    protected abstract String forbidden();

    private io.restassured.specification.RequestSpecification signedIn() {
        return given().header("Authorization", allowed());
    }

    private long rows() {
        return Sql.count("select count(*) from " + table());
    }

    @Test
    void unknownRouteIsA404Problem() {
        given().when().get(collectionPath() + "/no/such/route/here")
                .then().statusCode(404).contentType(PROBLEM)
                .body("status", equalTo(404))
                .body("type", equalTo("urn:yunying:problem:not-found"))
                .body("requestId", notNullValue());
        given().when().get("/definitely-not-an-api")
                .then().statusCode(404).contentType(PROBLEM)
                .body("status", equalTo(404));
    }

    @Test
    void wrongMethodIsA405Problem() {
        signedIn().when().patch(collectionPath())
                .then().statusCode(405).contentType(PROBLEM)
                .body("status", equalTo(405));
    }

    @Test
    void malformedJsonIsA400ProblemAndChangesNothing() {
        long before = rows();
        signedIn().contentType(ContentType.JSON).body("{\"title\": \"unterminated")
                .when().post(collectionPath())
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:yunying:problem:malformed-body"))
                .body(not(containsString("Exception")));
        assertEquals(before, rows());
    }

    @Test
    void aValueOfTheWrongKindNamesTheField() {
        long before = rows();
        signedIn().contentType(ContentType.JSON).body(bodyWithBadValue())
                .when().post(collectionPath())
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:yunying:problem:validation"))
                .body("errors[0].field", equalTo(badValueField()));
        assertEquals(before, rows());
    }

    @Test
    void missingFieldsAreAllListed() {
        long before = rows();
        signedIn().contentType(ContentType.JSON).body("{}")
                .when().post(collectionPath())
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:yunying:problem:validation"))
                .body("errors.field", containsInAnyOrder(requiredFields().toArray()));
        assertEquals(before, rows());
    }

    @Test
    void emptyBodyIsA400Problem() {
        signedIn().contentType(ContentType.JSON)
                .when().post(collectionPath())
                .then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void oversizedBodyIsA413Problem() {
        long before = rows();
        String huge = "{\"title\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        signedIn().contentType(ContentType.JSON).body(huge)
                .when().post(collectionPath())
                .then().statusCode(413).contentType(PROBLEM)
                .body("status", equalTo(413));
        assertEquals(before, rows());
    }

    @Test
    void unsupportedMediaTypeIsA415Problem() {
        signedIn().contentType(ContentType.TEXT).body("hello")
                .when().post(collectionPath())
                .then().statusCode(415).contentType(PROBLEM);
    }

    @Test
    void theCallersRequestIdIsEchoedInHeaderAndProblem() {
        signedIn().header("X-Request-Id", "contract-check-42").contentType(ContentType.JSON).body("{}")
                .when().post(collectionPath())
                .then().statusCode(400)
                .header("X-Request-Id", "contract-check-42")
                .body("requestId", equalTo("contract-check-42"));
    }

    @Test
    void aForgedRequestIdIsReplaced() {
        signedIn().header("X-Request-Id", "evil\tid with spaces").contentType(ContentType.JSON).body("{}")
                .when().post(collectionPath())
                .then().statusCode(400)
                .header("X-Request-Id", not(containsString(" ")));
    }

    @Test
    void noTokenIsA401ProblemWithABearerChallenge() {
        long before = rows();
        given().contentType(ContentType.JSON).body("{}")
                .when().post(collectionPath())
                .then().statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("type", equalTo("urn:yunying:problem:unauthenticated"));
        assertEquals(before, rows());
    }

    @Test
    void expiredForeignUnsignedAndWrongIssuerTokensAreAll401() {
        String role = "admin";
        for (String token : List.of(TestTokens.expired("x", role), TestTokens.foreign("x", role),
                TestTokens.unsigned("x", role), TestTokens.wrongIssuer("x", role), "Bearer not.a.jwt")) {
            given().header("Authorization", token).contentType(ContentType.JSON).body("{}")
                    .when().post(collectionPath())
                    .then().statusCode(401).contentType(PROBLEM);
        }
    }

    @Test
    void aValidTokenWithoutTheRoleIsA403Problem() {
        long before = rows();
        given().header("Authorization", forbidden()).contentType(ContentType.JSON).body("{}")
                .when().post(collectionPath())
                .then().statusCode(403).contentType(PROBLEM)
                .body("type", equalTo("urn:yunying:problem:forbidden"));
        assertEquals(before, rows());
    }
}
