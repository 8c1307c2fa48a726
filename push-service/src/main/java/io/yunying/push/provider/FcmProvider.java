package io.yunying.push.provider;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.Map;

/**
 * Android (and other non-Apple) push in the shape of FCM HTTP v1. An UNREGISTERED or invalid token
 * is permanent; 429 and 5xx are retried.
 */
@ApplicationScoped
public class FcmProvider {

    private final HttpProvider http;
    private final String url;
    private final ProviderConfig config;

    public FcmProvider(Vertx vertx, ProviderConfig config) {
        this.http = new HttpProvider(vertx, config, false);
        this.url = config.fcm().url().replaceAll("/+$", "") + "/v1/projects/" + config.fcm().project() + "/messages:send";
        this.config = config;
    }

    public Uni<SendResult> send(Outgoing out) {
        JsonObject data = new JsonObject().put("deliveryId", out.idempotencyKey());
        if (out.message().deepLink() != null) {
            data.put("deepLink", out.message().deepLink());
        }
        JsonObject body = new JsonObject().put("message", new JsonObject()
                .put("token", out.address())
                .put("notification", new JsonObject().put("title", out.message().title()).put("body", out.message().body()))
                .put("data", data));
        Map<String, String> headers = new HashMap<>();
        headers.put("Idempotency-Key", out.idempotencyKey());
        config.fcm().accessToken().ifPresent(token -> headers.put("Authorization", "Bearer " + token));
        return http.post(url, headers, body)
                .map(FcmProvider::read)
                .onFailure().recoverWithItem(HttpProvider::unreachable);
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
