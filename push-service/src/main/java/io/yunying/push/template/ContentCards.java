package io.yunying.push.template;

import io.smallrye.mutiny.Uni;
import io.yunying.platform.problem.ProblemException;
import io.yunying.platform.security.ServiceTokens;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.ClientWebApplicationException;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Content cards from content-service, kept for a short while: a campaign renders the same card for
 * every contact, so content-service is asked once per card and cache period, not once per message.
 * A content-service that is down or slow fails with 503 (the dispatcher retries the delivery later).
 */
@ApplicationScoped
public class ContentCards {

    private final ContentClient client;
    private final ServiceTokens tokens;
    private final TemplateConfig config;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Card card, Instant until) {
    }

    public ContentCards(@RestClient ContentClient client, ServiceTokens tokens, TemplateConfig config, Clock clock) {
        this.client = client;
        this.tokens = tokens;
        this.config = config;
        this.clock = clock;
    }

    public Uni<Card> card(String contentId) {
        Cached cached = cache.get(contentId);
        if (cached != null && clock.instant().isBefore(cached.until())) {
            return Uni.createFrom().item(cached.card());
        }
        return tokens.authorization()
                .flatMap(authorization -> client.published(authorization.orElse(null), contentId))
                .ifNoItem().after(config.cardTimeout()).fail()
                .onFailure().transform(ContentCards::unavailable)
                .invoke(card -> cache.put(contentId, new Cached(card, clock.instant().plus(config.cardCache()))));
    }

    private static Throwable unavailable(Throwable failure) {
        if (failure instanceof ClientWebApplicationException web && web.getResponse().getStatus() == 404) {
            return ProblemException.invalid("contentId", "content item is not published");
        }
        return new ProblemException(503, "content-unavailable", "Content service unavailable",
                "the content card could not be fetched: " + failure.getClass().getSimpleName());
    }
}
