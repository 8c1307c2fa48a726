package io.yunying.push.provider;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.yunying.push.contact.Channel;
import io.yunying.push.contact.Platform;
import io.yunying.push.template.Rendered;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * FCM service-account and APNs provider-token authentication against a real local HTTP server that
 * plays Google's token endpoint, FCM and APNs: it checks every JWT's signature with the public key
 * (plain JDK signature verification, not the library that signed it) and its claims, and only accepts
 * sends carrying a token it issued.
 */
class ProviderAuthTest {

    static KeyPair google;
    static KeyPair apple;
    static io.vertx.core.Vertx serverVertx;
    static HttpServer server;
    static int port;
    static Path serviceAccount;
    static Path p8;

    /** What the server saw and will answer. */
    static final List<JsonObject> assertions = new ArrayList<>();
    static final List<String> apnsTokens = new ArrayList<>();
    static final AtomicInteger issued = new AtomicInteger();
    static volatile String validAccessToken;
    static volatile boolean revokeNext;
    static volatile boolean expireNextApns;

    final MovableClock clock = new MovableClock(Instant.parse("2026-06-10T04:00:00Z"));
    Vertx vertx;

    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        google = rsa.generateKeyPair();
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        apple = ec.generateKeyPair();

        serverVertx = io.vertx.core.Vertx.vertx();
        CompletableFuture<HttpServer> started = new CompletableFuture<>();
        serverVertx.createHttpServer().requestHandler(ProviderAuthTest::handle).listen(0)
                .onSuccess(started::complete).onFailure(started::completeExceptionally);
        server = started.get(10, TimeUnit.SECONDS);
        port = server.actualPort();

        serviceAccount = Files.createTempFile("service-account", ".json");
        Files.writeString(serviceAccount, new JsonObject()
                .put("type", "service_account")
                .put("client_email", "push@yunying-test.iam.gserviceaccount.com")
                .put("private_key_id", "key-1")
                .put("private_key", pem(google.getPrivate().getEncoded()))
                .put("token_uri", "http://localhost:" + port + "/token").encode());
        p8 = Files.createTempFile("AuthKey_ABC123DEFG", ".p8");
        Files.writeString(p8, pem(apple.getPrivate().getEncoded()));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        serverVertx.close();
        Files.deleteIfExists(serviceAccount);
        Files.deleteIfExists(p8);
    }

    @BeforeEach
    void reset() {
        synchronized (assertions) {
            assertions.clear();
            apnsTokens.clear();
        }
        validAccessToken = null;
        revokeNext = false;
        expireNextApns = false;
        vertx = Vertx.vertx();
    }

    @AfterEach
    void closeClient() {
        vertx.closeAndAwait();
    }

    private static String pem(byte[] pkcs8) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pkcs8) + "\n-----END PRIVATE KEY-----\n";
    }

    private static void handle(HttpServerRequest req) {
        req.body().onSuccess(body -> {
            String path = req.path();
            if (path.equals("/token")) {
                Map<String, String> form = form(body.toString());
                JsonObject claims = verified(form.get("assertion"), "SHA256withRSA", google.getPublic(), "RS256");
                if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type")) || claims == null) {
                    req.response().setStatusCode(400).end("{\"error\": \"invalid_grant\"}");
                    return;
                }
                synchronized (assertions) {
                    assertions.add(claims);
                }
                validAccessToken = "ya29.token-" + issued.incrementAndGet();
                req.response().putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("access_token", validAccessToken).put("expires_in", 3599).put("token_type", "Bearer").encode());
            } else if (path.startsWith("/v1/projects/")) {
                String auth = req.getHeader("Authorization");
                boolean ok = validAccessToken != null && ("Bearer " + validAccessToken).equals(auth);
                if (ok && revokeNext) {
                    revokeNext = false;
                    validAccessToken = null;
                    ok = false;
                }
                req.response().setStatusCode(ok ? 200 : 401).putHeader("Content-Type", "application/json")
                        .end(ok ? "{\"name\": \"projects/p/messages/1\"}" : "{\"error\": {\"status\": \"UNAUTHENTICATED\"}}");
            } else if (path.startsWith("/3/device/")) {
                String auth = req.getHeader("Authorization");
                String jwt = auth == null ? null : auth.replaceFirst("^bearer ", "");
                JsonObject claims = jwt == null ? null : verified(jwt, "SHA256withECDSAinP1363Format", apple.getPublic(), "ES256");
                if (claims == null) {
                    req.response().setStatusCode(403).end("{\"reason\": \"InvalidProviderToken\"}");
                    return;
                }
                if (expireNextApns) {
                    expireNextApns = false;
                    req.response().setStatusCode(403).end("{\"reason\": \"ExpiredProviderToken\"}");
                    return;
                }
                synchronized (assertions) {
                    apnsTokens.add(jwt);
                }
                req.response().putHeader("apns-id", req.getHeader("apns-id")).end();
            } else {
                req.response().setStatusCode(404).end();
            }
        });
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return form;
    }

    /** The JWT's claims (with its header under "header") if its signature checks out with the public key, else null. */
    private static JsonObject verified(String jwt, String algorithm, PublicKey key, String alg) {
        try {
            String[] parts = jwt.split("\\.");
            Signature signature = Signature.getInstance(algorithm);
            signature.initVerify(key);
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!signature.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return null;
            }
            JsonObject header = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
            if (!alg.equals(header.getString("alg"))) {
                return null;
            }
            return new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)).put("header", header);
        } catch (Exception e) {
            return null;
        }
    }

    private ProviderConfig config() {
        Map<String, String> props = new HashMap<>();
        props.put("push.providers.fcm.url", "http://localhost:" + port);
        props.put("push.providers.fcm.project", "p");
        props.put("push.providers.fcm.service-account", serviceAccount.toString());
        props.put("push.providers.apns.url", "http://localhost:" + port);
        props.put("push.providers.apns.topic", "io.yunying.app");
        props.put("push.providers.apns.key-file", p8.toString());
        props.put("push.providers.apns.key-id", "ABC123DEFG");
        props.put("push.providers.apns.team-id", "TEAM123456");
        props.put("push.providers.sms.url", "http://localhost:" + port);
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(ProviderConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(props, "test", 500)).build();
        return config.getConfigMapping(ProviderConfig.class);
    }

    private static Outgoing push(long id, Platform platform) {
        return new Outgoing(id, UUID.randomUUID(), Channel.PUSH, "device-token-" + id, platform,
                new Rendered(Channel.PUSH, "zh-CN", "你好", "新消息", null, null, null, Map.of()));
    }

    private static SendResult await(io.smallrye.mutiny.Uni<SendResult> send) {
        return send.await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void fcmExchangesASignedServiceAccountAssertionOnceAndReusesTheTokenUntilShortlyBeforeItExpires() {
        FcmProvider fcm = new FcmProvider(vertx, config(), clock);
        assertInstanceOf(SendResult.Sent.class, await(fcm.send(push(1, Platform.ANDROID))));
        assertInstanceOf(SendResult.Sent.class, await(fcm.send(push(2, Platform.ANDROID))));
        assertEquals(1, assertions.size(), "one token exchange for both sends");

        JsonObject claims = assertions.get(0);
        assertEquals("push@yunying-test.iam.gserviceaccount.com", claims.getString("iss"));
        assertEquals("http://localhost:" + port + "/token", claims.getValue("aud") instanceof String s ? s : claims.getJsonArray("aud").getString(0));
        assertEquals("https://www.googleapis.com/auth/firebase.messaging", claims.getString("scope"));
        assertEquals(clock.instant().getEpochSecond(), claims.getLong("iat"));
        assertEquals(3600, claims.getLong("exp") - claims.getLong("iat"));
        assertEquals("key-1", claims.getJsonObject("header").getString("kid"));

        // the token lasts 3599 s; within the last minute it is renewed before use
        clock.advance(Duration.ofSeconds(3599 - 61));
        assertInstanceOf(SendResult.Sent.class, await(fcm.send(push(3, Platform.ANDROID))));
        assertEquals(1, assertions.size());
        clock.advance(Duration.ofSeconds(2));
        assertInstanceOf(SendResult.Sent.class, await(fcm.send(push(4, Platform.ANDROID))));
        assertEquals(2, assertions.size(), "renewed shortly before expiry");
    }

    @Test
    void fcmConcurrentSendsShareOneExchangeAndA401RenewsTheTokenAndSendsAgain() {
        FcmProvider fcm = new FcmProvider(vertx, config(), clock);
        List<SendResult> results = io.smallrye.mutiny.Multi.createFrom().range(10, 30)
                .onItem().transformToUniAndMerge(i -> fcm.send(push(i, Platform.ANDROID)))
                .collect().asList().await().atMost(Duration.ofSeconds(10));
        assertEquals(20, results.stream().filter(r -> r instanceof SendResult.Sent).count());
        assertEquals(1, assertions.size(), "twenty sends waited for one exchange");

        String before = validAccessToken;
        revokeNext = true;
        assertInstanceOf(SendResult.Sent.class, await(fcm.send(push(40, Platform.ANDROID))));
        assertEquals(2, assertions.size(), "the refused token was replaced");
        assertNotEquals(before, validAccessToken);
    }

    @Test
    void apnsSignsAnEs256ProviderTokenWithKeyIdAndTeamAndReusesItForFiftyMinutes() {
        ApnsProvider apns = new ApnsProvider(vertx, config(), clock);
        assertInstanceOf(SendResult.Sent.class, await(apns.send(push(1, Platform.IOS))));
        clock.advance(Duration.ofMinutes(49));
        assertInstanceOf(SendResult.Sent.class, await(apns.send(push(2, Platform.IOS))));
        assertEquals(2, apnsTokens.size());
        assertEquals(apnsTokens.get(0), apnsTokens.get(1), "one token for 50 minutes");

        JsonObject claims = verified(apnsTokens.get(0), "SHA256withECDSAinP1363Format", apple.getPublic(), "ES256");
        assertEquals("TEAM123456", claims.getString("iss"));
        assertEquals("ABC123DEFG", claims.getJsonObject("header").getString("kid"));
        assertEquals(Instant.parse("2026-06-10T04:00:00Z").getEpochSecond(), claims.getLong("iat"));

        clock.advance(Duration.ofMinutes(2));
        assertInstanceOf(SendResult.Sent.class, await(apns.send(push(3, Platform.IOS))));
        assertNotEquals(apnsTokens.get(1), apnsTokens.get(2), "renewed after 50 minutes");
        assertEquals(clock.instant().getEpochSecond(),
                verified(apnsTokens.get(2), "SHA256withECDSAinP1363Format", apple.getPublic(), "ES256").getLong("iat"));
    }

    @Test
    void apnsExpiredProviderTokenIsRenewedAndTheSendRepeated() {
        ApnsProvider apns = new ApnsProvider(vertx, config(), clock);
        assertInstanceOf(SendResult.Sent.class, await(apns.send(push(1, Platform.IOS))));
        clock.advance(Duration.ofMinutes(25));
        expireNextApns = true;
        assertInstanceOf(SendResult.Sent.class, await(apns.send(push(2, Platform.IOS))));
        assertEquals(2, apnsTokens.size());
        assertNotEquals(apnsTokens.get(0), apnsTokens.get(1));
        assertTrue(verified(apnsTokens.get(1), "SHA256withECDSAinP1363Format", apple.getPublic(), "ES256").getLong("iat")
                > verified(apnsTokens.get(0), "SHA256withECDSAinP1363Format", apple.getPublic(), "ES256").getLong("iat"));
    }
}
