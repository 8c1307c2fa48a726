package io.yunying.push.support;

import io.restassured.path.json.JsonPath;
import io.yunying.testsupport.Sql;

import static io.yunying.push.support.Api.operator;

/** Short ways to set up templates, segments, campaigns and reachable contacts in tests. */
public final class Messages {

    private Messages() {
    }

    public static void template(String key, String channel, String localesJson) {
        template(key, channel, localesJson, null);
    }

    public static void template(String key, String channel, String localesJson, String contentId) {
        operator().body("{\"key\": \"" + key + "\", \"name\": \"" + key + "\", \"channel\": \"" + channel + "\", \"defaultLocale\": \"zh-CN\""
                        + (contentId == null ? "" : ", \"contentId\": \"" + contentId + "\"") + ", \"content\": " + localesJson + "}")
                .post("/api/push/templates").then().statusCode(201);
    }

    public static void liveSegment(String key, String ruleJson) {
        operator().body("{\"key\": \"" + key + "\", \"name\": \"" + key + "\", \"rule\": " + ruleJson + ", \"materialised\": false}")
                .post("/api/push/segments").then().statusCode(201);
    }

    /** A campaign with one variant of one template per channel, created as DRAFT. */
    public static void campaign(String key, String segment, String channelsJson, String templatesJson, String scheduleJson) {
        operator().body("{\"key\": \"" + key + "\", \"name\": \"" + key + "\", \"segments\": [\"" + segment + "\"], \"channels\": " + channelsJson
                        + ", \"variants\": [{\"key\": \"A\", \"percent\": 100, \"templates\": " + templatesJson + "}], \"schedule\": " + scheduleJson + "}")
                .post("/api/push/campaigns").then().statusCode(201);
    }

    public static JsonPath launch(String key) {
        return operator().post("/api/push/campaigns/" + key + "/launch").then().statusCode(200).extract().jsonPath();
    }

    public static JsonPath dispatch() {
        return operator().post("/api/push/deliveries/dispatch").then().statusCode(200).extract().jsonPath();
    }

    /** A contact reachable on a channel: the address and consent for the whole channel. */
    public static void reachable(String externalId, String channel, String address) {
        if (!channel.equals("IN_APP")) {
            operator().body("{\"address\": \"" + address + "\"" + (channel.equals("PUSH") ? ", \"deviceId\": \"phone\"" : "") + "}")
                    .put("/api/push/contacts/" + externalId + "/addresses/" + channel).then().statusCode(200);
        }
        operator().body("{\"channel\": \"" + channel + "\", \"status\": \"SUBSCRIBED\"}")
                .put("/api/push/contacts/" + externalId + "/consents").then().statusCode(200);
    }

    public static String status(String externalId) {
        return Sql.string("select d.status from delivery d join contact c on c.id = d.contact_id where c.external_id = ? and d.source_kind <> 'TEST' order by d.id desc limit 1", externalId);
    }

    public static String reason(String externalId) {
        return Sql.string("select d.reason from delivery d join contact c on c.id = d.contact_id where c.external_id = ? and d.source_kind <> 'TEST' order by d.id desc limit 1", externalId);
    }

    public static String dueAt(String externalId) {
        return Sql.string("select to_char(d.due_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') from delivery d join contact c on c.id = d.contact_id where c.external_id = ? order by d.id desc limit 1", externalId);
    }
}
