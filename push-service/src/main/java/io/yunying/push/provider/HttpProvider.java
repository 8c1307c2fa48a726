package io.yunying.push.provider;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.vertx.UniHelper;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** A pooled HTTP/1.1 (or HTTP/2) client to one provider, and the reading of its answers. */
final class HttpProvider {

    private static final CharSequence CONTENT_TYPE = io.vertx.core.http.HttpHeaders.createOptimized("Content-Type");
    private static final CharSequence JSON = io.vertx.core.http.HttpHeaders.createOptimized("application/json");

    record Answer(int status, MultiMap headers, String body) {
        JsonObject json() {
            try {
                return body == null || body.isBlank() ? new JsonObject() : new JsonObject(body);
            } catch (RuntimeException e) {
                return new JsonObject();
            }
        }
    }

    private final HttpClient client;
    private final Duration timeout;

    HttpProvider(Vertx vertx, ProviderConfig config, boolean http2) {
        HttpClientOptions options = new HttpClientOptions().setMaxPoolSize(config.maxConnections()).setKeepAlive(true)
                .setConnectTimeout((int) Math.min(config.timeout().toMillis(), 5_000)).setHttp2MaxPoolSize(Math.max(1, config.maxConnections() / 16));
        if (http2) {
            options.setProtocolVersion(HttpVersion.HTTP_2).setUseAlpn(true).setSsl(true);
        }
        this.client = vertx.createHttpClient(options);
        this.timeout = config.timeout();
    }

    /**
     * One JSON post. Written on Vert.x futures and turned into a Uni once: this runs for every message sent.
     * The timeout bounds the wait for a pooled connection (or a new one) and then every silence of the answer.
     */
    Uni<Answer> post(String url, Map<String, String> headers, JsonObject body) {
        return post(url, headers, body.toBuffer());
    }

    Uni<Answer> post(String url, Map<String, String> headers, io.vertx.core.buffer.Buffer body) {
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
                .setConnectTimeout(timeout.toMillis()).setIdleTimeout(timeout.toMillis()).putHeader(CONTENT_TYPE, JSON);
        headers.forEach((k, v) -> {
            if (v != null) {
                request.putHeader(k, v);
            }
        });
        Future<Answer> answer = client.getDelegate().request(request)
                .compose(r -> r.send(body))
                .compose(response -> response.body().map(b -> new Answer(response.statusCode(), MultiMap.newInstance(response.headers()),
                        b.toString())));
        return UniHelper.toUni(answer);
    }

    /** A form post (an OAuth token exchange). */
    Uni<Answer> form(String url, Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
                .setIdleTimeout(timeout.toMillis()).putHeader("Content-Type", "application/x-www-form-urlencoded");
        return client.request(request)
                .flatMap(r -> r.send(Buffer.buffer(body.toString())))
                .flatMap(response -> response.body().map(b -> new Answer(response.statusCode(), response.headers(), b.toString())))
                .ifNoItem().after(timeout).fail();
    }

    /** A failure to talk to the provider at all: retried. */
    static SendResult unreachable(Throwable failure) {
        String what = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return new SendResult.Retry("provider unreachable: " + what, null);
    }

    /** 429 and 5xx are retried, honouring Retry-After (seconds or an HTTP date). */
    static SendResult.Retry retry(Answer answer, String what) {
        return new SendResult.Retry(what + " " + answer.status(), retryAfter(answer.headers().get("Retry-After")));
    }

    static boolean retryable(int status) {
        return status == 429 || status == 408 || status >= 500;
    }

    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Duration.between(Instant.now(), at).isNegative() ? Duration.ZERO : Duration.between(Instant.now(), at);
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }
}
