package io.yunying.push.delivery;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.yunying.push.support.Api;
import io.yunying.push.support.Db;
import io.yunying.push.support.FakeProviders;
import io.yunying.push.support.Messages;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.Sql;
import io.yunying.testsupport.TestClock;
import io.yunying.testsupport.TestTokens;
import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.yunying.push.support.Api.operator;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Email over real SMTP: a local GreenMail server receives what the dispatcher sends. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class EmailTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(29186, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

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

    private static String html(Part part) throws Exception {
        if (part.isMimeType("text/html")) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String found = html(child);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String path(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private void newsletter(String key) {
        Messages.campaign(key, "mail-seg", "[\"EMAIL\"]", "{\"EMAIL\": \"news\"}", "{\"kind\": \"NOW\"}");
        Messages.launch(key);
        Messages.dispatch();
    }

    @Test
    void theMessageArrivesWithUnsubscribeHeadersTrackedLinksAndAWorkingOneClickUnsubscribe() throws Exception {
        Api.contact("reader", "\"region\": \"ML\", \"attributes\": {\"nickname\": \"小李\"}");
        Messages.reachable("reader", "EMAIL", "reader@example.com");
        Messages.template("news", "EMAIL", """
                {"zh-CN": {"subject": "{contact.attributes.nickname}，本周精选", "body": "本周精选",
                           "html": "<h1>你好 {contact.attributes.nickname}</h1><p><a href=\\"https://shop.example/sale?x=1&y=2\\">去看看</a></p>"}}""");
        Messages.liveSegment("mail-seg", "{\"attribute\": \"region\", \"op\": \"eq\", \"value\": \"ML\"}");
        newsletter("news-1");

        assertEquals("SENT", Messages.status("reader"));
        MimeMessage[] received = smtp.getReceivedMessages();
        assertEquals(1, received.length);
        MimeMessage mail = received[0];
        assertEquals("小李，本周精选", mail.getSubject());
        assertEquals("reader@example.com", mail.getAllRecipients()[0].toString());
        String id = Sql.string("select d.id::text from delivery d join contact c on c.id = d.contact_id where c.external_id = 'reader'");
        assertEquals("<delivery-" + id + "@yunying>", mail.getHeader("Message-ID")[0]);
        assertEquals("List-Unsubscribe=One-Click", mail.getHeader("List-Unsubscribe-Post")[0]);
        String listUnsubscribe = mail.getHeader("List-Unsubscribe")[0];
        assertTrue(listUnsubscribe.startsWith("<http://localhost:8081/api/push/unsubscribe/"), listUnsubscribe);

        String html = html(mail);
        assertTrue(html.contains("你好 小李"), html);
        assertTrue(html.contains("/api/push/unsubscribe/"), "the unsubscribe link is in the body");
        assertFalse(html.contains("href=\"https://shop.example"), "links are rewritten for click tracking");

        // the tracked link redirects to the original target and records the click; an altered one does not redirect
        Matcher click = Pattern.compile("href=\"(http://localhost:8081/api/push/t/c/[^\"]+)\"").matcher(html);
        assertTrue(click.find(), html);
        String clickUrl = click.group(1).replace("&amp;", "&").replace("&#61;", "=").replace("&#43;", "+");
        RestAssured.given().urlEncodingEnabled(false).redirects().follow(false).get(path(clickUrl)).then().statusCode(302)
                .header("Location", "https://shop.example/sale?x=1&y=2");
        assertEquals(1, Sql.count("select count(*) from delivery_event where type = 'CLICKED' and delivery_id = " + id));
        RestAssured.given().urlEncodingEnabled(false).redirects().follow(false).get(path(clickUrl.replace("shop.example", "evil.example"))).then().statusCode(404);
        RestAssured.given().redirects().follow(false).get("/api/push/t/c/" + id + "?u=https://evil.example&s=forged").then().statusCode(404);

        Matcher pixel = Pattern.compile("src=\"(http://localhost:8081/api/push/t/o/[^\"]+)\"").matcher(html);
        assertTrue(pixel.find(), html);
        RestAssured.given().urlEncodingEnabled(false).get(path(pixel.group(1).replace("&amp;", "&").replace("&#61;", "="))).then().statusCode(200).contentType("image/gif");
        assertEquals(1, Sql.count("select count(*) from delivery_event where type = 'OPENED' and delivery_id = " + id));

        // RFC 8058 one-click: a POST to the List-Unsubscribe URL, no sign-in
        String unsubscribe = listUnsubscribe.substring(1, listUnsubscribe.length() - 1);
        RestAssured.given().get(path(unsubscribe)).then().statusCode(200).contentType("text/html");
        assertEquals("SUBSCRIBED", Sql.string("select status from consent c join contact k on k.id = c.contact_id where k.external_id = 'reader' and channel = 'EMAIL' and topic = '*'"), "the page alone changes nothing");
        RestAssured.given().post(path(unsubscribe)).then().statusCode(200).body("status", equalTo("UNSUBSCRIBED"));

        newsletter("news-2");
        assertEquals(1, smtp.getReceivedMessages().length, "nothing more after unsubscribing");
        assertEquals("no_consent (EMAIL)", Messages.reason("reader"));
    }

    @Test
    void aBounceReportedLaterIsRecordedAndTheAddressSuppressed() {
        Api.contact("bouncer", "\"region\": \"ML\"");
        Messages.reachable("bouncer", "EMAIL", "nobody@invalid.example");
        Messages.template("news", "EMAIL", "{\"zh-CN\": {\"subject\": \"hi\", \"body\": \"hello\"}}");
        Messages.liveSegment("mail-seg", "{\"attribute\": \"region\", \"op\": \"eq\", \"value\": \"ML\"}");
        newsletter("news-3");
        assertEquals(1, smtp.getReceivedMessages().length);
        String id = Sql.string("select d.id::text from delivery d join contact c on c.id = d.contact_id where c.external_id = 'bouncer'");
        Api.as(TestTokens.service()).body("{\"deliveryId\": " + id + ", \"type\": \"BOUNCED\", \"detail\": {\"smtp\": \"550 5.1.1\"}}")
                .post("/api/push/receipts").then().statusCode(204);
        Api.as(TestTokens.appUser("bouncer")).body("{\"deliveryId\": " + id + ", \"type\": \"DELIVERED\"}")
                .post("/api/push/receipts").then().statusCode(403);
        assertEquals(1, Sql.count("select count(*) from delivery_event where type = 'BOUNCED' and delivery_id = " + id));
        assertEquals(1, Sql.count("select count(*) from suppression where channel = 'EMAIL' and address = 'nobody@invalid.example'"));
        newsletter("news-4");
        assertEquals(1, smtp.getReceivedMessages().length);
        assertEquals("no_address (EMAIL)", Messages.reason("bouncer"));
    }
}
