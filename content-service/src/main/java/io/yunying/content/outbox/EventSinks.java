package io.yunying.content.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.yunying.content.support.ContentConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;

/**
 * Sends a batch of events to one subscriber's intake over HTTP: {@code POST <url><path>} with a JSON array and
 * the service token. Anything but a 2xx answer (or no answer in time) is a failure.
 */
@ApplicationScoped
public class EventSinks {

    private final HttpClient http;
    private final ObjectMapper json;

    public EventSinks(Vertx vertx, ObjectMapper json) {
        this.http = vertx.createHttpClient();
        this.json = json;
    }

    public Uni<Void> send(ContentConfig.Outbox.Subscriber subscriber, String authorization, List<OutboxEvent> events) {
        Buffer body;
        try {
            body = Buffer.buffer(json.writeValueAsBytes(events));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(subscriber.url().toString().replaceAll("/+$", "") + subscriber.path())
                .setTimeout(subscriber.timeout().toMillis())
                .putHeader("Content-Type", "application/json");
        if (authorization != null) {
            options.putHeader("Authorization", authorization);
        }
        return http.request(options)
                .chain(request -> request.send(body))
                .chain(response -> response.body().chain(answer -> response.statusCode() / 100 == 2
                        ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(new IllegalStateException("HTTP " + response.statusCode()))));
    }

    void close(@Observes ShutdownEvent stop) {
        http.closeAndAwait();
    }
}
