package io.yunying.push.report;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.yunying.push.support.Db;
import io.yunying.testsupport.PostgresTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.yunying.push.support.Api.operator;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class CampaignReportTest {

    static final UUID CAMPAIGN = UUID.fromString("0e3c1f5a-8a7b-4c1e-9d2f-0a1b2c3d4e5f");
    static final String RUN = "2026-06-01T10:00:00Z";

    @BeforeEach
    void seed() {
        Db.clearAudience();
        Db.exec("truncate delivery, delivery_holdout, delivery_event, campaign, template cascade");
        // r1..r10 get variant A, r11..r20 variant B, r21..r30 are held out
        Db.exec("""
                insert into contact (external_id, platform, locale, time_zone, created_at, signed_up_at, updated_at)
                select 'r' || g, 'ANDROID', 'en', 'UTC', now(), now(), now() from generate_series(1, 30) g""");
        Db.exec("insert into template (id, key, name, channel, content, default_locale, created_at, updated_at) "
                + "values ('11111111-1111-1111-1111-111111111111', 'spring-sale', 'Spring sale', 'PUSH', '{}', 'en', now(), now())");
        Db.exec("insert into campaign (id, key, name, status, goal_event, goal_window_hours, created_at, updated_at) "
                + "values ('" + CAMPAIGN + "', 'spring', 'Spring sale', 'COMPLETED', 'purchase', 72, now(), now())");
        // A: r1..r8 sent (r1..r5 at 10:05, r6..r8 at 11:10), r9 failed, r10 dropped; r1 also reached in-app in the same run
        delivery("1, 2, 3, 4, 5", "A", "PUSH", "SENT", null, "2026-06-01T10:05:00Z");
        delivery("6, 7, 8", "A", "PUSH", "SENT", null, "2026-06-01T11:10:00Z");
        delivery("1", "A", "IN_APP", "SENT", null, "2026-06-01T10:05:00Z");
        delivery("9", "A", "PUSH", "FAILED", "invalid_token", null);
        delivery("10", "A", "PUSH", "DROPPED", "frequency_cap", null);
        // B: everyone sent at 10:30
        delivery("11, 12, 13, 14, 15, 16, 17, 18, 19, 20", "B", "PUSH", "SENT", null, "2026-06-01T10:30:00Z");
        Db.exec("insert into delivery_holdout (source_id, occurrence, contact_id, created_at) select '" + CAMPAIGN + "', '" + RUN
                + "', id, '2026-06-01T09:59:00Z' from contact where external_id in (" + names("21, 22, 23, 24, 25, 26, 27, 28, 29, 30") + ")");
        event("1, 2, 3, 4", "DELIVERED", "2026-06-01T10:06:00Z");
        event("5, 6", "DELIVERED", "2026-06-01T11:11:00Z");
        event("1, 2, 3, 4", "OPENED", "2026-06-01T10:20:00Z");
        event("1, 2", "CLICKED", "2026-06-01T10:25:00Z");
        event("11, 12, 13, 14, 15, 16, 17, 18, 19, 20", "DELIVERED", "2026-06-01T10:31:00Z");
        event("11, 12, 13, 14, 15", "OPENED", "2026-06-01T11:40:00Z");
        event("11, 12, 13", "CLICKED", "2026-06-01T11:45:00Z");
        // goal: r1..r4 bought within 72 h of the send, r5 after it, r9 (never sent) too; r11, r12 in B;
        // in the holdout r21 after the run started, r22 before it
        purchase("1, 2, 3, 4", "2026-06-01T12:00:00Z");
        purchase("5", "2026-06-04T18:00:00Z");
        purchase("9", "2026-06-01T12:00:00Z");
        purchase("11, 12", "2026-06-02T09:00:00Z");
        purchase("21", "2026-06-02T10:00:00Z");
        purchase("22", "2026-06-01T08:00:00Z");
    }

    @Test
    void theReviewAddsUpPerVariantAgainstTheHoldout() {
        operator().config(RestAssured.config().jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE)))
                .get("/api/push/reports/campaigns/" + CAMPAIGN).then().statusCode(200)
                .body("campaign.goalEvent", equalTo("purchase"))
                .body("runs", contains(RUN))
                .body("groups.group", contains("A", "B", "holdout"))
                .body("groups[0].audience", equalTo(10)).body("groups[0].sent", equalTo(8))
                .body("groups[0].delivered", equalTo(6)).body("groups[0].opened", equalTo(4))
                .body("groups[0].clicked", equalTo(2)).body("groups[0].converted", equalTo(4))
                .body("groups[0].rates.converted", equalTo(0.5)).body("groups[0].rates.opened", equalTo(0.5))
                .body("groups[0].rates.clickToOpen", equalTo(0.5))
                .body("groups[0].uplift.absolute", closeTo(0.4, 1e-6)).body("groups[0].uplift.relative", closeTo(4.0, 1e-6))
                .body("groups[0].uplift.z", closeTo(1.88271, 1e-4)).body("groups[0].uplift.pValue", closeTo(0.05974, 1e-4))
                .body("groups[0].uplift.significant", equalTo(false))
                .body("groups[1].audience", equalTo(10)).body("groups[1].sent", equalTo(10))
                .body("groups[1].delivered", equalTo(10)).body("groups[1].opened", equalTo(5))
                .body("groups[1].clicked", equalTo(3)).body("groups[1].converted", equalTo(2))
                .body("groups[1].uplift.absolute", closeTo(0.1, 1e-6)).body("groups[1].uplift.relative", closeTo(1.0, 1e-6))
                .body("groups[2].holdout", equalTo(true)).body("groups[2].audience", equalTo(10))
                .body("groups[2].converted", equalTo(1)).body("groups[2].rates.converted", closeTo(0.1, 1e-6))
                .body("groups[2].uplift", nullValue())
                .body("statuses.SENT", equalTo(19)).body("statuses.FAILED", equalTo(1)).body("statuses.DROPPED", equalTo(1))
                .body("failures[0].reason", equalTo("invalid_token")).body("failures[0].count", equalTo(1))
                .body("drops[0].reason", equalTo("frequency_cap")).body("drops[0].count", equalTo(1))
                .body("series.hour", contains("2026-06-01T10:00:00Z", "2026-06-01T11:00:00Z"))
                .body("series.sent", contains(16, 3)).body("series.opened", contains(4, 5)).body("series.clicked", contains(2, 3));
    }

    @Test
    void anUnknownCampaignIs404AndABadIdIs400() {
        operator().get("/api/push/reports/campaigns/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        operator().get("/api/push/reports/campaigns/spring").then().statusCode(400).contentType("application/problem+json");
    }

    private static String names(String numbers) {
        StringBuilder in = new StringBuilder();
        for (String n : numbers.split(",\\s*")) {
            in.append(in.isEmpty() ? "" : ", ").append("'r").append(n).append("'");
        }
        return in.toString();
    }

    private static void delivery(String contacts, String variant, String channel, String status, String reason, String sentAt) {
        Db.exec("insert into delivery (source_kind, source_id, occurrence, contact_id, channel, variant, template_id, status, reason, due_at, sent_at, created_at) "
                + "select 'CAMPAIGN', '" + CAMPAIGN + "', '" + RUN + "', id, '" + channel + "', '" + variant
                + "', '11111111-1111-1111-1111-111111111111', '" + status + "', " + (reason == null ? "null" : "'" + reason + "'")
                + ", '" + RUN + "', " + (sentAt == null ? "null" : "'" + sentAt + "'") + ", '" + RUN + "' from contact where external_id in (" + names(contacts) + ")");
    }

    private static void event(String contacts, String type, String at) {
        Db.exec("insert into delivery_event (delivery_id, type, at) select d.id, '" + type + "', '" + at + "' from delivery d "
                + "join contact c on c.id = d.contact_id where d.channel = 'PUSH' and c.external_id in (" + names(contacts) + ")");
    }

    private static void purchase(String contacts, String at) {
        Db.exec("insert into event (event_id, contact_id, type, occurred_at, received_at, amount) select gen_random_uuid()::text, id, "
                + "'purchase', '" + at + "', '" + at + "', 10 from contact where external_id in (" + names(contacts) + ")");
    }
}
