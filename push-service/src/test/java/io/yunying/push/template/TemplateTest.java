package io.yunying.push.template;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.yunying.push.support.Api;
import io.yunying.push.support.Db;
import io.yunying.push.support.FakeProviders;
import io.yunying.push.support.Messages;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.Sql;
import io.yunying.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.yunying.push.support.Api.operator;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class TemplateTest {

    @BeforeEach
    void clean() {
        Db.clearMessages();
        FakeProviders.get().reset();
    }

    @Test
    void unknownVariablesAreRefusedAtSaveTimeByNameAndNothingIsWritten() {
        operator().body("""
                        {"key": "bad", "name": "bad", "channel": "PUSH", "defaultLocale": "zh-CN",
                         "content": {"zh-CN": {"title": "hi {contact.nickname}", "body": "{contact.attributes.level} {card.title}"}}}""")
                .post("/api/push/templates")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:yunying:problem:invalid-template"))
                .body("errors.field", hasItem("content.zh-CN.title"))
                .body("errors.message", hasItem(containsString("contact.nickname")))
                .body("errors.message", hasItem(containsString("card.title")));
        operator().body("""
                        {"key": "bad2", "name": "bad", "channel": "SMS", "defaultLocale": "zh-CN",
                         "content": {"en": {"body": "{unsubscribeUrl}"}}}""")
                .post("/api/push/templates")
                .then().statusCode(400)
                .body("errors.field", hasItem("content"))
                .body("errors.message", hasItem(containsString("unsubscribe")));
        operator().body("""
                        {"key": "bad3", "name": "bad", "channel": "PUSH", "defaultLocale": "zh-CN",
                         "content": {"zh-CN": {"body": "{#if contact.region}unclosed"}}}""")
                .post("/api/push/templates")
                .then().statusCode(400).body("errors.message", hasItem(containsString("not a valid template")));
        assertEquals(0, Sql.count("select count(*) from template"));
    }

    @Test
    void previewRendersForAContactInTheirLocaleWithAttributesAndTheLiveCard() {
        FakeProviders.get().card("c-42", "秋季新品", "summary");
        Api.contact("p-1", "\"locale\": \"en-GB\", \"region\": \"GB\", \"attributes\": {\"nickname\": \"Ann\"}");
        Api.contact("p-2", "\"locale\": \"fr\"");
        Messages.template("card-push", "PUSH", """
                {"zh-CN": {"title": "{contact.attributes.nickname ?: '朋友'}，{card.title}", "body": "地区 {contact.region}", "deepLink": "{card.url}"},
                 "en": {"title": "{contact.attributes.nickname ?: 'friend'}: {card.title}", "body": "from {contact.region}"}}""", "c-42");
        operator().body("{\"externalId\": \"p-1\"}").post("/api/push/templates/card-push/preview")
                .then().statusCode(200)
                .body("locale", equalTo("en"))
                .body("title", equalTo("Ann: 秋季新品"))
                .body("body", equalTo("from GB"));
        operator().body("{\"externalId\": \"p-2\"}").post("/api/push/templates/card-push/preview")
                .then().statusCode(200)
                .body("locale", equalTo("zh-CN"))
                .body("title", equalTo("朋友，秋季新品"))
                .body("deepLink", equalTo("yunying://content/c-42"));
    }

    @Test
    void emailHtmlEscapesValuesSanitisesMarkupAndCarriesTheUnsubscribeLink() {
        Api.contact("p-3", "\"attributes\": {\"nickname\": \"<script>alert(1)</script>\"}");
        Messages.template("mail", "EMAIL", """
                {"zh-CN": {"subject": "Hi {contact.attributes.nickname}", "html": "<p onclick=\\"x()\\">Hello {contact.attributes.nickname}</p><script>steal()</script><a href=\\"https://shop.example/a?b=1\\">Shop</a>"}}""");
        operator().body("{\"externalId\": \"p-3\"}").post("/api/push/templates/mail/preview")
                .then().statusCode(200)
                .body("html", containsString("&lt;script&gt;alert(1)&lt;/script&gt;"))
                .body("html", not(containsString("<script")))
                .body("html", not(containsString("onclick")))
                .body("html", containsString("/api/push/unsubscribe/"))
                .body("headers.'List-Unsubscribe'", containsString("/api/push/unsubscribe/"))
                .body("headers.'List-Unsubscribe-Post'", equalTo("List-Unsubscribe=One-Click"));
    }

    @Test
    void updatesCheckIfMatchAndRolesAreEnforced() {
        Messages.template("v", "IN_APP", "{\"zh-CN\": {\"body\": \"one\"}}");
        String body = "{\"key\": \"v\", \"name\": \"v2\", \"channel\": \"IN_APP\", \"defaultLocale\": \"zh-CN\", \"content\": {\"zh-CN\": {\"body\": \"two\"}}}";
        operator().header("If-Match", "\"7\"").body(body).put("/api/push/templates/v").then().statusCode(412);
        operator().header("If-Match", "\"0\"").body(body).put("/api/push/templates/v").then().statusCode(200)
                .header("ETag", containsString("1")).body("name", equalTo("v2"));
        Api.as(TestTokens.moderator()).get("/api/push/templates").then().statusCode(403);
        Api.as(TestTokens.appUser("u")).get("/api/push/templates/v").then().statusCode(403);
        Api.as(TestTokens.admin()).get("/api/push/templates/v").then().statusCode(200);
    }
}
