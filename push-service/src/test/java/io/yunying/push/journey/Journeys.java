package io.yunying.push.journey;

import io.restassured.response.ValidatableResponse;
import io.yunying.push.support.Db;
import io.yunying.testsupport.Sql;

import static io.yunying.push.support.Api.operator;

/** Short ways to set up and run journeys in tests. */
final class Journeys {

    private Journeys() {
    }

    /** Empties the audience and everything journeys and the delivery ledger keep. */
    static void clear() {
        Db.clearAudience();
        Db.exec("truncate journey, journey_cursor, journey_entry, journey_entry_step, inbound_event, delivery, delivery_holdout, "
                + "delivery_event, campaign, template cascade");
    }

    /** A template row as the templates feature would store it. */
    static void template(String key, String channel) {
        Db.exec("insert into template (key, name, channel, content, default_locale, created_at, updated_at) values ('" + key + "', '"
                + key + "', '" + channel + "', '{\"en\": {\"title\": \"t\", \"body\": \"b\"}}', 'en', now(), now())");
    }

    /** Saves and activates a journey; returns its id. */
    static String activeJourney(String body) {
        String id = operator().body(body).post("/api/push/journeys").then().statusCode(201).extract().path("id");
        operator().post("/api/push/journeys/" + id + "/activate").then().statusCode(200);
        return id;
    }

    static ValidatableResponse run() {
        return operator().post("/api/push/journeys/run").then().statusCode(200);
    }

    static long entries(String journeyId) {
        return Sql.count("select count(*) from journey_entry where journey_id = ?::uuid", journeyId);
    }

    static long deliveries(String journeyId) {
        return Sql.count("""
                select count(*) from delivery d join journey_entry e on d.occurrence = e.id::text
                 where d.source_kind = 'JOURNEY' and e.journey_id = ?::uuid""", journeyId);
    }

    static String stepId(String journeyId, String key) {
        return Sql.string("select s ->> 'id' from journey j, jsonb_array_elements(j.steps) s where j.id = ?::uuid and s ->> 'key' = ?",
                journeyId, key);
    }
}
