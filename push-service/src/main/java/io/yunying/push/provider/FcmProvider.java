package io.yunying.push.provider;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Android (and other non-Apple) push in the shape of FCM HTTP v1. An UNREGISTERED or invalid token
 * is permanent; 429 and 5xx are retried. With a service-account key the bearer token is obtained and
 * renewed here ({@link FcmCredentials}); a 401 drops it and the send is tried once more with a new one.
 */
@ApplicationScoped
public class FcmProvider {

    private static final JsonFactory JSON = new JsonFactory();

    private final HttpProvider http;
    private final String url;
    private final ProviderConfig config;
    private final FcmCredentials credentials;

    public FcmProvider(Vertx vertx, ProviderConfig config, Clock clock) {
        this.http = new HttpProvider(vertx, config, false);
        this.url = config.fcm().url().replaceAll("/+$", "") + "/v1/projects/" + config.fcm().project() + "/messages:send";
        this.config = config;
        this.credentials = config.fcm().serviceAccount()
                .map(file -> new FcmCredentials(http, FcmCredentials.ServiceAccount.read(Path.of(file)), config.fcm().scope(), clock))
                .orElse(null);
    }

    public Uni<SendResult> send(Outgoing out) {
        Buffer body = body(out);
        return token().flatMap(token -> post(body, out, token).flatMap(answer -> {
                    if (answer.status() != 401 || credentials == null) {
                        return Uni.createFrom().item(answer);
                    }
                    credentials.refused(token);
                    return token().flatMap(fresh -> post(body, out, fresh));
                }))
                .map(FcmProvider::read)
                .onFailure().recoverWithItem(HttpProvider::unreachable);
    }

    private Uni<String> token() {
        return credentials != null ? credentials.token() : Uni.createFrom().item(config.fcm().accessToken().orElse(null));
    }

    /**
     * {"message": {"token", "notification": {"title", "body"}, "data": {"deliveryId", "deepLink"?}}}, written
     * field by field: this runs for every push sent.
     */
    static Buffer body(Outgoing out) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            json.writeStartObject();
            json.writeObjectFieldStart("message");
            json.writeStringField("token", out.address());
            json.writeObjectFieldStart("notification");
            json.writeStringField("title", out.message().title());
            json.writeStringField("body", out.message().body());
            json.writeEndObject();
            json.writeObjectFieldStart("data");
            json.writeStringField("deliveryId", out.idempotencyKey());
            if (out.message().deepLink() != null) {
                json.writeStringField("deepLink", out.message().deepLink());
            }
            json.writeEndObject();
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Buffer.buffer(bytes.toByteArray());
    }

    private Uni<HttpProvider.Answer> post(Buffer body, Outgoing out, String token) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Idempotency-Key", out.idempotencyKey());
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        return http.post(url, headers, body);
    }

    static SendResult read(HttpProvider.Answer answer) {
        if (answer.status() / 100 == 2) {
            return new SendResult.Sent(answer.json().getString("name"));
        }
        if (HttpProvider.retryable(answer.status())) {
            return HttpProvider.retry(answer, "fcm");
        }
        JsonObject error = answer.json().getJsonObject("error", new JsonObject());
        String code = errorCode(error);
        if ("UNREGISTERED".equals(code) || answer.status() == 404) {
            return new SendResult.Permanent("invalid_token: unregistered");
        }
        if ("INVALID_ARGUMENT".equals(code) && String.valueOf(error.getString("message")).toLowerCase().contains("token")) {
            return new SendResult.Permanent("invalid_token: " + error.getString("message"));
        }
        return new SendResult.Retry("fcm " + answer.status() + (code == null ? "" : " " + code), null);
    }

    private static String errorCode(JsonObject error) {
        JsonArray details = error.getJsonArray("details", new JsonArray());
        for (int i = 0; i < details.size(); i++) {
            Object d = details.getValue(i);
            if (d instanceof JsonObject o && o.getString("errorCode") != null) {
                return o.getString("errorCode");
            }
        }
        return error.getString("status");
    }
}
