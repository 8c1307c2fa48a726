package io.yunying.push.provider;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.Map;

/** SMS through an HTTP gateway: POST {url}/messages {to, from, text, reference}; 400/422 on the number is permanent. */
@ApplicationScoped
public class SmsProvider {

    private final HttpProvider http;
    private final String url;
    private final ProviderConfig config;

    public SmsProvider(Vertx vertx, ProviderConfig config) {
        this.http = new HttpProvider(vertx, config, false);
        this.url = config.sms().url().replaceAll("/+$", "") + "/messages";
        this.config = config;
    }

    public Uni<SendResult> send(Outgoing out) {
        JsonObject body = new JsonObject().put("to", out.address()).put("from", config.sms().sender())
                .put("text", out.message().body()).put("reference", out.idempotencyKey());
        Map<String, String> headers = new HashMap<>();
        headers.put("Idempotency-Key", out.idempotencyKey());
        config.sms().apiKey().ifPresent(key -> headers.put("Authorization", "Bearer " + key));
        return http.post(url, headers, body)
                .map(SmsProvider::read)
                .onFailure().recoverWithItem(HttpProvider::unreachable);
    }

    static SendResult read(HttpProvider.Answer answer) {
        if (answer.status() / 100 == 2) {
            return new SendResult.Sent(answer.json().getString("id"));
        }
        if (HttpProvider.retryable(answer.status())) {
            return HttpProvider.retry(answer, "sms");
        }
        if (answer.status() == 400 || answer.status() == 422) {
            return new SendResult.Permanent("invalid_number: " + answer.json().getString("error", "refused"));
        }
        return new SendResult.Retry("sms " + answer.status(), null);
    }
}
