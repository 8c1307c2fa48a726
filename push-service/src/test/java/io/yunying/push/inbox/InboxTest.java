package io.yunying.push.inbox;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.yunying.push.support.Api;
import io.yunying.push.support.Db;
import io.yunying.push.support.FakeProviders;
import io.yunying.push.support.Messages;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.Sql;
import io.yunying.testsupport.TestClock;
import io.yunying.testsupport.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class InboxTest {

    @Inject
    TestClock clock;

    @BeforeEach
    void clean() {
        Db.clearMessages();
        FakeProviders.get().reset();
        clock.set(Instant.parse("2026-06-10T04:00:00Z"));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void appUsersReadTheirOwnInboxAndOpensAreRecorded() {
        Api.contact("in-1", "\"region\": \"IN\"");
        Api.contact("in-2", "\"region\": \"IN\"");
        Messages.reachable("in-1", "IN_APP", null);
        Messages.reachable("in-2", "IN_APP", null);
        Messages.reachable("in-2", "PUSH", "tok-in-2");
        Messages.template("in-t", "IN_APP", "{\"zh-CN\": {\"title\": \"欢迎\", \"body\": \"你好 {contact.externalId}\", \"deepLink\": \"yunying://home\"}}");
        Messages.template("in-p", "PUSH", "{\"zh-CN\": {\"title\": \"推送\", \"body\": \"push\"}}");
        Messages.liveSegment("in-seg", "{\"attribute\": \"region\", \"op\": \"eq\", \"value\": \"IN\"}");
        Messages.campaign("in-c", "in-seg", "[\"IN_APP\"]", "{\"IN_APP\": \"in-t\"}", "{\"kind\": \"NOW\"}");
        Messages.launch("in-c");
        Messages.dispatch();
        assertEquals(2, Sql.count("select count(*) from delivery_event where type = 'DELIVERED'"));

        String me = TestTokens.appUser("in-1");
        Api.as(me).get("/api/push/me/inbox/unread-count").then().statusCode(200).body("unread", equalTo(1));
        var page = Api.as(me).get("/api/push/me/inbox").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].title", equalTo("欢迎")).body("items[0].body", equalTo("你好 in-1"))
                .body("items[0].deepLink", equalTo("yunying://home")).body("items[0].read", equalTo(false))
                .extract().jsonPath();
        int mine = page.getInt("items[0].id");
        int theirs = Api.as(TestTokens.appUser("in-2")).get("/api/push/me/inbox").jsonPath().getInt("items[0].id");
        Api.as(me).post("/api/push/me/inbox/" + theirs + "/read").then().statusCode(404);
        Api.as(me).post("/api/push/me/inbox/" + mine + "/read").then().statusCode(204);
        Api.as(me).get("/api/push/me/inbox/unread-count").then().body("unread", equalTo(0));
        Api.as(me).get("/api/push/me/inbox").then().body("items[0].read", equalTo(true));
        assertEquals(1, Sql.count("select count(*) from delivery_event e join inbox_message m on m.delivery_id = e.delivery_id where e.type = 'OPENED' and m.id = " + mine));
        Api.as(TestTokens.operator()).get("/api/push/me/inbox").then().statusCode(403);

        // a push open reported by the app
        Messages.campaign("in-push", "in-seg", "[\"PUSH\"]", "{\"PUSH\": \"in-p\"}", "{\"kind\": \"NOW\"}");
        Messages.launch("in-push");
        Messages.dispatch();
        String pushId = Sql.string("select d.id::text from delivery d join contact c on c.id = d.contact_id join campaign k on k.id = d.source_id where c.external_id = 'in-2' and k.key = 'in-push'");
        Api.as(me).post("/api/push/me/push-opens/" + pushId).then().statusCode(404);
        Api.as(TestTokens.appUser("in-2")).post("/api/push/me/push-opens/" + pushId).then().statusCode(204);
        Api.as(TestTokens.appUser("in-2")).post("/api/push/me/push-opens/" + pushId).then().statusCode(204);
        assertEquals(1, Sql.count("select count(*) from delivery_event where type = 'OPENED' and delivery_id = " + pushId));
    }
}
