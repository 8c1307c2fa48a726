package io.yunying.push.segment;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.yunying.push.support.Api;
import io.yunying.push.support.Db;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.Sql;
import io.yunying.testsupport.TestClock;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;

import static io.yunying.push.support.Api.event;
import static io.yunying.push.support.Api.operator;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every operator of the rule language against four hand-made contacts:
 * a (CN-31, female, 25-34, gold expiring in 30 days, level 12, team shenhua, 3 purchases this month, opened the app 2 days ago),
 * b (CN-11, male, 18-24, silver expired 10 days ago, level 3, 1 purchase this month and 1 two months ago, opened 20 days ago),
 * c (CN-31, 35-44, team guoan, no events),
 * d (no region, female, opened yesterday, subscribed to email).
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class SegmentRuleTest {

    static final Instant NOW = Instant.parse("2026-04-20T08:00:00Z");

    @Inject
    TestClock clock;

    @Inject
    SegmentService segments;

    @Inject
    Pool pool;

    @BeforeEach
    void audience() {
        Db.clearAudience();
        clock.set(NOW);
        Api.contact("a", "\"region\": \"CN-31\", \"gender\": \"FEMALE\", \"ageBand\": \"25-34\", \"membershipTier\": \"gold\", "
                + "\"membershipExpiresAt\": \"" + NOW.plus(Duration.ofDays(30)) + "\", \"attributes\": {\"level\": 12, \"team\": \"shenhua\", \"vip\": true}, "
                + "\"signedUpAt\": \"" + NOW.minus(Duration.ofDays(100)) + "\"");
        Api.contact("b", "\"region\": \"CN-11\", \"gender\": \"MALE\", \"ageBand\": \"18-24\", \"membershipTier\": \"silver\", "
                + "\"membershipExpiresAt\": \"" + NOW.minus(Duration.ofDays(10)) + "\", \"attributes\": {\"level\": 3}, "
                + "\"signedUpAt\": \"" + NOW.minus(Duration.ofDays(10)) + "\"");
        Api.contact("c", "\"region\": \"CN-31\", \"ageBand\": \"35-44\", \"attributes\": {\"team\": \"guoan\"}");
        Api.contact("d", "\"gender\": \"FEMALE\"");
        Api.send(event("a", "purchase", NOW.minus(Duration.ofDays(1))).replace("}", ", \"amount\": 10}"),
                event("a", "purchase", NOW.minus(Duration.ofDays(5))).replace("}", ", \"amount\": 10}"),
                event("a", "purchase", NOW.minus(Duration.ofDays(20))).replace("}", ", \"amount\": 10}"),
                event("a", "app_open", NOW.minus(Duration.ofDays(2))),
                event("b", "purchase", NOW.minus(Duration.ofDays(3))).replace("}", ", \"amount\": 10}"),
                event("b", "purchase", NOW.minus(Duration.ofDays(60))).replace("}", ", \"amount\": 10}"),
                event("b", "app_open", NOW.minus(Duration.ofDays(20))),
                event("d", "app_open", NOW.minus(Duration.ofDays(1))));
        operator().body("{\"channel\": \"EMAIL\", \"status\": \"SUBSCRIBED\"}").put("/api/push/contacts/d/consents").then().statusCode(200);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    static int count(String rule) {
        return operator().body("{\"rule\": " + rule + "}").post("/api/push/segments/preview")
                .then().statusCode(200).extract().path("count");
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "region|eq|\"CN-31\"|2",
            "region|ne|\"CN-31\"|2",
            "region|in|[\"CN-31\", \"CN-11\"]|3",
            "region|not_in|[\"CN-31\"]|2",
            "region|starts_with|\"CN-\"|3",
            "region|contains|\"-3\"|2",
            "gender|eq|\"FEMALE\"|2",
            "gender|ne|\"FEMALE\"|2",
            "ageBand|in|[\"25-34\", \"35-44\"]|2",
            "membershipTier|not_in|[\"gold\", \"silver\"]|2",
            "custom.level|gte|10|1",
            "custom.level|gt|3|1",
            "custom.level|lt|10|1",
            "custom.level|lte|3|1",
            "custom.level|between|[1, 20]|2",
            "custom.level|eq|12|1",
            "custom.level|ne|12|3",
            "custom.team|eq|\"shenhua\"|1",
            "custom.team|in|[\"shenhua\", \"guoan\"]|2",
            "custom.team|starts_with|\"gu\"|1",
            "custom.team|contains|\"hua\"|1",
            "custom.vip|eq|true|1",
            "membershipExpiresAt|within_next_days|90|1",
            "membershipExpiresAt|within_last_days|30|1",
            "membershipExpiresAt|more_than_days_ahead|10|1",
            "membershipExpiresAt|more_than_days_ago|5|1",
            "membershipExpiresAt|before|\"2026-04-21T00:00:00Z\"|1",
            "membershipExpiresAt|after|\"2026-04-21T00:00:00Z\"|1",
            "signedUpAt|within_last_days|30|3",
            "lastSeenAt|more_than_days_ago|2|1",
    })
    void attributeOperators(String attribute, String op, String value, int expected) {
        assertEquals(expected, count("{\"attribute\": \"" + attribute + "\", \"op\": \"" + op + "\", \"value\": " + value + "}"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "region|exists|3",
            "region|not_exists|1",
            "custom.team|exists|2",
            "membershipTier|not_exists|2",
            "lastSeenAt|exists|3",
    })
    void presenceOperators(String attribute, String op, int expected) {
        assertEquals(expected, count("{\"attribute\": \"" + attribute + "\", \"op\": \"" + op + "\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"event\": \"purchase\", \"op\": \"gte\", \"count\": 2, \"withinDays\": 30}|1",
            "{\"event\": \"purchase\", \"op\": \"gte\", \"count\": 0, \"withinDays\": 30}|4",
            "{\"event\": \"purchase\", \"op\": \"gt\", \"count\": 1, \"withinDays\": 30}|1",
            "{\"event\": \"purchase\", \"op\": \"eq\", \"count\": 1, \"withinDays\": 30}|1",
            "{\"event\": \"purchase\", \"op\": \"eq\", \"count\": 0, \"withinDays\": 30}|2",
            "{\"event\": \"purchase\", \"op\": \"ne\", \"count\": 1, \"withinDays\": 30}|3",
            "{\"event\": \"purchase\", \"op\": \"ne\", \"count\": 0, \"withinDays\": 30}|2",
            "{\"event\": \"purchase\", \"op\": \"lt\", \"count\": 3, \"withinDays\": 30}|3",
            "{\"event\": \"purchase\", \"op\": \"lt\", \"count\": 0}|0",
            "{\"event\": \"purchase\", \"op\": \"lte\", \"count\": 1, \"withinDays\": 30}|3",
            "{\"event\": \"purchase\", \"op\": \"eq\", \"count\": 2}|1",
            "{\"event\": \"purchase\", \"op\": \"performed\", \"withinDays\": 30}|2",
            "{\"event\": \"purchase\", \"op\": \"performed\"}|2",
            "{\"event\": \"app_open\", \"op\": \"not_performed\", \"withinDays\": 14}|2",
            "{\"event\": \"app_open\", \"op\": \"not_performed\"}|1",
    })
    void eventConditions(String rule, int expected) {
        assertEquals(expected, count(rule));
    }

    @Test
    void consentConditions() {
        assertEquals(1, count("{\"consent\": \"EMAIL\", \"op\": \"granted\"}"));
        assertEquals(1, count("{\"consent\": \"EMAIL\", \"topic\": \"promotions\", \"op\": \"granted\"}"));
        assertEquals(3, count("{\"consent\": \"EMAIL\", \"op\": \"not_granted\"}"));
        assertEquals(0, count("{\"consent\": \"SMS\", \"op\": \"granted\"}"));
    }

    @Test
    void combinatorsAndNotAreExactWithMissingValues() {
        assertEquals(1, count("{\"all\": [{\"attribute\": \"region\", \"op\": \"eq\", \"value\": \"CN-31\"}, "
                + "{\"event\": \"purchase\", \"op\": \"gte\", \"count\": 2, \"withinDays\": 30}]}"));
        assertEquals(3, count("{\"any\": [{\"attribute\": \"region\", \"op\": \"eq\", \"value\": \"CN-31\"}, "
                + "{\"attribute\": \"gender\", \"op\": \"eq\", \"value\": \"FEMALE\"}]}"));
        // d has no region: it is not in CN-31, so "not CN-31" includes it
        assertEquals(2, count("{\"not\": {\"attribute\": \"region\", \"op\": \"eq\", \"value\": \"CN-31\"}}"));
        assertEquals(2, count("{\"not\": {\"not\": {\"attribute\": \"region\", \"op\": \"eq\", \"value\": \"CN-31\"}}}"));
        assertEquals(1, count("{\"all\": [{\"any\": [{\"attribute\": \"gender\", \"op\": \"eq\", \"value\": \"FEMALE\"}, "
                + "{\"attribute\": \"gender\", \"op\": \"eq\", \"value\": \"MALE\"}]}, {\"not\": {\"event\": \"app_open\", \"op\": \"performed\", \"withinDays\": 14}}]}"));
    }

    @Test
    void erasedContactsAreNeverCounted() {
        assertEquals(2, count("{\"attribute\": \"gender\", \"op\": \"eq\", \"value\": \"FEMALE\"}"));
        operator().delete("/api/push/contacts/d").then().statusCode(204);
        assertEquals(1, count("{\"attribute\": \"gender\", \"op\": \"eq\", \"value\": \"FEMALE\"}"));
        assertEquals(0, count("{\"attribute\": \"region\", \"op\": \"not_exists\"}"));
        assertEquals(1, Sql.count("select count(*) from contact where erased_at is not null and external_id is null and gender is null"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"all\": [{\"attribute\": \"region\", \"op\": \"eq\", \"value\": \"x\"}, {\"attribute\": \"region\", \"op\": \"like\", \"value\": \"x\"}]}|rule.all[1].op|unknown operator 'like'",
            "{\"attribute\": \"password\", \"op\": \"eq\", \"value\": \"x\"}|rule.attribute|unknown attribute",
            "{\"attribute\": \"region\", \"op\": \"eq\"}|rule.value|required",
            "{\"attribute\": \"region\", \"op\": \"eq\", \"value\": 5}|rule.value|a string",
            "{\"attribute\": \"region\", \"op\": \"exists\", \"value\": \"x\"}|rule.value|takes no value",
            "{\"attribute\": \"region\", \"op\": \"in\", \"value\": []}|rule.value|a list",
            "{\"attribute\": \"gender\", \"op\": \"eq\", \"value\": \"F\"}|rule.value|is not one of",
            "{\"attribute\": \"ageBand\", \"op\": \"in\", \"value\": [\"25-34\", \"99+\"]}|rule.value[1]|is not one of",
            "{\"attribute\": \"rfm.recency\", \"op\": \"gte\", \"value\": 6}|rule.value|a score from 1 to 5",
            "{\"attribute\": \"rfm.recency\", \"op\": \"between\", \"value\": [4, 2]}|rule.value|low must not exceed high",
            "{\"attribute\": \"rfm.group\", \"op\": \"eq\", \"value\": \"whales\"}|rule.value|is not one of",
            "{\"attribute\": \"lifecycle.stage\", \"op\": \"gt\", \"value\": \"active\"}|rule.op|unknown operator 'gt'",
            "{\"attribute\": \"signedUpAt\", \"op\": \"before\", \"value\": \"yesterday\"}|rule.value|ISO-8601",
            "{\"attribute\": \"signedUpAt\", \"op\": \"within_last_days\", \"value\": 0}|rule.value|whole number of days",
            "{\"attribute\": \"custom.level\", \"op\": \"gte\", \"value\": \"ten\"}|rule.value|a number",
            "{\"attribute\": \"custom.9bad\", \"op\": \"eq\", \"value\": \"x\"}|rule.attribute|custom.<key>",
            "{\"event\": \"purchase\", \"op\": \"gte\", \"withinDays\": 30}|rule.count|whole number",
            "{\"event\": \"purchase\", \"op\": \"performed\", \"count\": 2}|rule.count|takes no count",
            "{\"event\": \"purchase\", \"op\": \"gte\", \"count\": 2, \"withinDays\": 0}|rule.withinDays|whole number of days",
            "{\"event\": \"Purchase!\", \"op\": \"performed\"}|rule.event|snake_case",
            "{\"event\": \"purchase\", \"op\": \"often\"}|rule.op|unknown operator 'often'",
            "{\"consent\": \"FAX\", \"op\": \"granted\"}|rule.consent|not a channel",
            "{\"consent\": \"EMAIL\", \"op\": \"maybe\"}|rule.op|unknown operator",
            "{\"consent\": \"EMAIL\", \"topic\": \"A B\", \"op\": \"granted\"}|rule.topic|a topic",
            "{\"segment\": \"no-such-segment\"}|rule.segment|no segment with key",
            "{\"segment\": \"x\", \"op\": \"maybe\"}|rule.op|unknown operator",
            "{\"all\": []}|rule.all|non-empty list",
            "{\"any\": [\"region\"]}|rule.any[0]|JSON object",
            "{\"attribute\": \"region\", \"event\": \"purchase\", \"op\": \"eq\"}|rule|exactly one of",
            "{\"color\": \"red\"}|rule|exactly one of",
            "{\"attribute\": \"region\", \"op\": \"eq\", \"value\": \"x\", \"extra\": 1}|rule.extra|unknown member",
            "\"region = 'CN-31'\"|rule|JSON object",
    })
    void invalidRulesNameTheBadPart(String rule, String field, String message) {
        operator().body("{\"rule\": " + rule + "}").post("/api/push/segments/preview")
                .then().statusCode(400)
                .body("type", equalTo("urn:yunying:problem:invalid-rule"))
                .body("errors.field", hasItem(field))
                .body("errors.find { it.field == '" + field + "' }.message", containsString(message));
    }

    @Test
    void everyInvalidPartIsListedAtOnce() {
        operator().body("{\"rule\": {\"all\": [{\"attribute\": \"nope\", \"op\": \"eq\", \"value\": 1}, {\"event\": \"purchase\", \"op\": \"gte\"}, {\"not\": 3}]}}")
                .post("/api/push/segments/preview").then().statusCode(400)
                .body("errors.field", equalTo(java.util.List.of("rule.all[0].attribute", "rule.all[1].count", "rule.all[2].not")));
    }

    @Test
    void tooDeepRulesAreRefused() {
        String rule = "{\"attribute\": \"region\", \"op\": \"exists\"}";
        for (int i = 0; i < 9; i++) {
            rule = "{\"not\": " + rule + "}";
        }
        operator().body("{\"rule\": " + rule + "}").post("/api/push/segments/preview").then().statusCode(400)
                .body("errors[0].message", containsString("nest at most 8"));
    }

    @Test
    void injectionInValuesIsJustAValue() {
        assertEquals(0, count("{\"attribute\": \"region\", \"op\": \"eq\", \"value\": \"x' or '1'='1\"}"));
        assertEquals(0, count("{\"attribute\": \"region\", \"op\": \"in\", \"value\": [\"CN-31'); drop table contact; --\"]}"));
        assertEquals(0, count("{\"attribute\": \"custom.team\", \"op\": \"eq\", \"value\": \"shenhua' or 1=1 --\"}"));
        assertEquals(4, Sql.count("select count(*) from contact"));
        assertEquals(8, Sql.count("select count(*) from event"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "region; drop table contact; --",
            "c.region = c.region or true",
            "custom.a') or true; --",
            "custom.team' || '",
            "external_id",
    })
    void injectionInFieldNamesIsRefused(String field) {
        operator().body("{\"rule\": {\"attribute\": \"" + field.replace("\"", "\\\"") + "\", \"op\": \"eq\", \"value\": \"x\"}}")
                .post("/api/push/segments/preview").then().statusCode(400).body("errors[0].field", equalTo("rule.attribute"));
        assertEquals(4, Sql.count("select count(*) from contact"));
    }

    @Test
    void anAppUserCannotSeeSegments() {
        Api.as(io.yunying.testsupport.TestTokens.appUser("a")).body("{\"rule\": {\"attribute\": \"region\", \"op\": \"exists\"}}")
                .post("/api/push/segments/preview").then().statusCode(403);
        Api.as(io.yunying.testsupport.TestTokens.moderator()).get("/api/push/segments").then().statusCode(403);
        Api.as(io.yunying.testsupport.TestTokens.admin()).get("/api/push/segments").then().statusCode(200);
    }

    @Test
    void everyComparisonStaysExactUnderNot() {
        // d has no region, tier, expiry, custom level or scores; under not each missing value counts as "does not match"
        assertEquals(2, count("{\"attribute\": \"region\", \"op\": \"starts_with\", \"value\": \"CN-3\"}"));
        assertEquals(2, count("{\"not\": {\"attribute\": \"region\", \"op\": \"starts_with\", \"value\": \"CN-3\"}}"));
        assertEquals(1, count("{\"attribute\": \"membershipExpiresAt\", \"op\": \"within_next_days\", \"value\": 90}"));
        assertEquals(3, count("{\"not\": {\"attribute\": \"membershipExpiresAt\", \"op\": \"within_next_days\", \"value\": 90}}"));
        assertEquals(1, count("{\"attribute\": \"custom.level\", \"op\": \"gt\", \"value\": 5}"));
        assertEquals(3, count("{\"not\": {\"attribute\": \"custom.level\", \"op\": \"gt\", \"value\": 5}}"));
        assertEquals(0, count("{\"attribute\": \"rfm.recency\", \"op\": \"gte\", \"value\": 1}"));
        assertEquals(4, count("{\"not\": {\"attribute\": \"rfm.recency\", \"op\": \"gte\", \"value\": 1}}"));
        assertEquals(3, count("{\"any\": [{\"attribute\": \"region\", \"op\": \"eq\", \"value\": \"CN-11\"}, "
                + "{\"not\": {\"attribute\": \"region\", \"op\": \"in\", \"value\": [\"CN-31\"]}}, {\"attribute\": \"custom.team\", \"op\": \"eq\", \"value\": \"guoan\"}]}"));
    }

    @Test
    void anExcludedLiveSegmentKeepsContactsWithoutTheField() {
        operator().body("{\"key\": \"women\", \"name\": \"women\", \"materialised\": true, \"rule\": {\"attribute\": \"gender\", \"op\": \"eq\", \"value\": \"FEMALE\"}}")
                .post("/api/push/segments").then().statusCode(201);
        operator().post("/api/push/segments/women/refresh").then().statusCode(200);
        operator().body("{\"key\": \"sh\", \"name\": \"sh\", \"materialised\": false, \"rule\": {\"attribute\": \"region\", \"op\": \"eq\", \"value\": \"CN-31\"}}")
                .post("/api/push/segments").then().statusCode(201);
        // women outside Shanghai: d, whose region is unknown, is not in Shanghai and stays
        assertEquals(java.util.List.of("d"), audience(java.util.List.of("women"), java.util.List.of("sh")));
        assertEquals(java.util.List.of("a", "c"), audience(java.util.List.of("sh"), java.util.List.of()));
        assertEquals(java.util.List.of("a", "c", "d"), audience(java.util.List.of("sh", "women"), java.util.List.of()));
    }

    /** External ids of the contacts a campaign with these segments would reach. */
    private java.util.List<String> audience(java.util.List<String> include, java.util.List<String> exclude) {
        Audience a = segments.audience(include, exclude, 0).await().indefinitely();
        java.util.List<String> ids = new java.util.ArrayList<>();
        pool.preparedQuery("select c.external_id from contact c" + RuleSql.JOINS + "where c.erased_at is null and " + a.where() + " order by 1")
                .execute(Tuple.from(a.params())).await().indefinitely()
                .forEach(row -> ids.add(row.getString("external_id")));
        return ids;
    }
}
