package io.yunying.push.provider;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * iOS push in the shape of APNs: the apns-id is derived from the delivery id, so a retried send
 * carries the same id. 410 (Unregistered) and a bad device token are permanent. With a signing key
 * the provider token is signed here ({@link ApnsToken}); 403 ExpiredProviderToken renews it and the
 * send is tried once more.
 */
@ApplicationScoped
public class ApnsProvider {

    private final HttpProvider http;
    private final String base;
    private final ProviderConfig config;
    private final ApnsToken signer;

    public ApnsProvider(Vertx vertx, ProviderConfig config, Clock clock) {
        this.http = new HttpProvider(vertx, config, config.apns().http2());
        this.base = config.apns().url().replaceAll("/+$", "") + "/3/device/";
        this.config = config;
        this.signer = ApnsToken.of(config.apns(), clock);
    }

    public static String apnsId(long deliveryId) {
        return UUID.nameUUIDFromBytes(("delivery:" + deliveryId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public Uni<SendResult> send(Outgoing out) {
        JsonObject aps = new JsonObject().put("alert", new JsonObject().put("title", out.message().title()).put("body", out.message().body()));
        JsonObject body = new JsonObject().put("aps", aps).put("deliveryId", out.idempotencyKey());
        if (out.message().deepLink() != null) {
            body.put("deepLink", out.message().deepLink());
        }
        Map<String, String> headers = new HashMap<>();
        headers.put("apns-topic", config.apns().topic());
        headers.put("apns-push-type", "alert");
        headers.put("apns-priority", "10");
        headers.put("apns-id", apnsId(out.deliveryId()));
        headers.put("Idempotency-Key", out.idempotencyKey());
        String token = signer != null ? signer.get() : config.apns().authToken().orElse(null);
        return post(out, headers, body, token)
                .flatMap(answer -> {
                    if (signer == null || answer.status() != 403 || !"ExpiredProviderToken".equals(answer.json().getString("reason"))) {
                        return Uni.createFrom().item(answer);
                    }
                    signer.expired(token);
                    return post(out, headers, body, signer.get());
                })
                .map(ApnsProvider::read)
                .onFailure().recoverWithItem(HttpProvider::unreachable);
    }

    private Uni<HttpProvider.Answer> post(Outgoing out, Map<String, String> headers, JsonObject body, String token) {
        Map<String, String> all = new HashMap<>(headers);
        if (token != null) {
            all.put("Authorization", "bearer " + token);
        }
        return http.post(base + out.address(), all, body);
    }

    static SendResult read(HttpProvider.Answer answer) {
        if (answer.status() == 200) {
            return new SendResult.Sent(answer.headers().get("apns-id"));
        }
        if (HttpProvider.retryable(answer.status())) {
            return HttpProvider.retry(answer, "apns");
        }
        String reason = answer.json().getString("reason", "");
        if (answer.status() == 410 || "BadDeviceToken".equals(reason) || "Unregistered".equals(reason)) {
            return new SendResult.Permanent("invalid_token: " + (reason.isEmpty() ? "Unregistered" : reason));
        }
        return new SendResult.Retry("apns " + answer.status() + (reason.isEmpty() ? "" : " " + reason), null);
    }
}
