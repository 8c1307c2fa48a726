package io.yunying.push.provider;

import io.vertx.mutiny.core.MultiMap;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How each provider's answers are read: sent, worth retrying, or refused for good. */
class ProviderAnswersTest {

    private static HttpProvider.Answer answer(int status, String body, String... headers) {
        MultiMap map = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i < headers.length; i += 2) {
            map.add(headers[i], headers[i + 1]);
        }
        return new HttpProvider.Answer(status, map, body);
    }

    @Test
    void smtpRecipientRefusalsAreBouncesEverythingElseIsRetried() {
        SendResult bounce = EmailProvider.read(new RuntimeException("RCPT TO command failed: 550 5.1.1 <x@example.com>: Recipient address rejected"));
        assertInstanceOf(SendResult.Permanent.class, bounce);
        assertTrue(((SendResult.Permanent) bounce).reason().startsWith("bounced: "));
        assertInstanceOf(SendResult.Retry.class, EmailProvider.read(new RuntimeException("451 4.7.1 greylisted, try again later")));
        assertInstanceOf(SendResult.Retry.class, EmailProvider.read(new RuntimeException("Connection refused: localhost/127.0.0.1:25")));
    }

    @Test
    void fcmApnsAndSmsAnswers() {
        assertEquals(new SendResult.Sent("projects/p/messages/1"), FcmProvider.read(answer(200, "{\"name\": \"projects/p/messages/1\"}")));
        assertEquals(new SendResult.Permanent("invalid_token: unregistered"),
                FcmProvider.read(answer(404, "{\"error\": {\"status\": \"NOT_FOUND\", \"details\": [{\"errorCode\": \"UNREGISTERED\"}]}}")));
        assertInstanceOf(SendResult.Permanent.class,
                FcmProvider.read(answer(400, "{\"error\": {\"status\": \"INVALID_ARGUMENT\", \"message\": \"The registration token is not a valid FCM registration token\"}}")));
        assertEquals(new SendResult.Retry("fcm 429", Duration.ofSeconds(30)), FcmProvider.read(answer(429, "{}", "Retry-After", "30")));
        assertEquals(new SendResult.Retry("fcm 401 UNAUTHENTICATED", null), FcmProvider.read(answer(401, "{\"error\": {\"status\": \"UNAUTHENTICATED\"}}")));

        assertEquals(new SendResult.Sent("abc"), ApnsProvider.read(answer(200, "", "apns-id", "abc")));
        assertEquals(new SendResult.Permanent("invalid_token: BadDeviceToken"), ApnsProvider.read(answer(400, "{\"reason\": \"BadDeviceToken\"}")));
        assertInstanceOf(SendResult.Retry.class, ApnsProvider.read(answer(503, "{\"reason\": \"ServiceUnavailable\"}")));

        assertEquals(new SendResult.Sent("m-1"), SmsProvider.read(answer(202, "{\"id\": \"m-1\"}")));
        assertEquals(new SendResult.Permanent("invalid_number: not a mobile number"), SmsProvider.read(answer(422, "{\"error\": \"not a mobile number\"}")));
        assertInstanceOf(SendResult.Retry.class, SmsProvider.read(answer(500, "")));
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() {
        assertEquals(Duration.ofSeconds(120), HttpProvider.retryAfter("120"));
        String inAMinute = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(65).format(DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = HttpProvider.retryAfter(inAMinute);
        assertTrue(d.compareTo(Duration.ofSeconds(55)) > 0 && d.compareTo(Duration.ofSeconds(66)) <= 0, d.toString());
        assertEquals(null, HttpProvider.retryAfter("soon"));
        assertEquals(null, HttpProvider.retryAfter(null));
    }
}
