package io.yunying.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Against a local stand-in for the gateway's token endpoint. */
class ServiceTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");

    private HttpServer gateway;
    private final AtomicInteger issued = new AtomicInteger();
    private volatile int status = 200;

    @BeforeEach
    void startGateway() throws IOException {
        gateway = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        gateway.createContext("/api/auth/service-tokens", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean valid = body.contains("\"clientId\":\"content-service\"") && body.contains("\"clientSecret\":\"s3cret\"");
            int n = issued.incrementAndGet();
            byte[] answer = ("{\"accessToken\":\"token-" + n + "\",\"tokenType\":\"Bearer\",\"expiresAt\":\""
                    + NOW.plus(Duration.ofMinutes(15)) + "\"}").getBytes(StandardCharsets.UTF_8);
            int code = valid ? status : 401;
            exchange.sendResponseHeaders(code, code == 200 ? answer.length : -1);
            if (code == 200) {
                exchange.getResponseBody().write(answer);
            }
            exchange.close();
        });
        gateway.start();
    }

    @AfterEach
    void stopGateway() {
        gateway.stop(0);
    }

    private ServiceTokens tokens(Clock clock, String secret) {
        URI url = URI.create("http://localhost:" + gateway.getAddress().getPort() + "/api/auth/service-tokens");
        return new ServiceTokens(new ObjectMapper(), clock, Optional.of("content-service"), Optional.of(secret), url);
    }

    @Test
    void aTokenIsFetchedOnceAndKeptUntilAMinuteBeforeItExpires() {
        MovableClock clock = new MovableClock(NOW);
        ServiceTokens tokens = tokens(clock, "s3cret");

        assertEquals(Optional.of("Bearer token-1"), tokens.authorization().await().indefinitely());
        clock.now = NOW.plus(Duration.ofMinutes(13));
        assertEquals(Optional.of("Bearer token-1"), tokens.authorization().await().indefinitely());
        assertEquals(1, issued.get());

        clock.now = NOW.plus(Duration.ofMinutes(14).plusSeconds(1));
        assertEquals(Optional.of("Bearer token-2"), tokens.authorization().await().indefinitely());
        assertEquals(2, issued.get());
    }

    @Test
    void aRefusedOrUnreachableGatewayMeansNoTokenNotAFailure() {
        assertEquals(Optional.empty(), tokens(new MovableClock(NOW), "wrong").authorization().await().indefinitely());
        gateway.stop(0);
        assertEquals(Optional.empty(), tokens(new MovableClock(NOW), "s3cret").authorization().await().indefinitely());
    }

    @Test
    void withoutAClientThereIsNoToken() {
        ServiceTokens none = new ServiceTokens(new ObjectMapper(), new MovableClock(NOW), Optional.empty(), Optional.empty(),
                URI.create("http://localhost:1/never"));
        assertEquals(Optional.empty(), none.authorization().await().indefinitely());
        assertEquals(0, issued.get());
    }

    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
