package io.yunying.content.ugc;

import io.smallrye.mutiny.Uni;
import io.yunying.platform.security.ServiceTokens;
import io.yunying.content.item.Item;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.util.Map;

/**
 * Asks community-service about a UGC submission. It degrades instead of failing: a check that is down,
 * slow, missing (404) or answers garbage yields {@link Verdict#UNAVAILABLE}, and the item waits for a human.
 */
@ApplicationScoped
public class ModerationCheck {

    private static final Logger LOG = Logger.getLogger(ModerationCheck.class);

    private final ModerationClient client;
    private final ServiceTokens token;

    public ModerationCheck(@RestClient ModerationClient client, ServiceTokens token) {
        this.client = client;
        this.token = token;
    }

    @Timeout(800)
    @Retry(maxRetries = 1, delay = 100)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 30_000)
    @Fallback(fallbackMethod = "unavailable")
    public Uni<Verdict> check(Item item) {
        String text = CheckedText.of(item).text();
        return token.authorization().flatMap(authorization -> client.check(authorization.orElse(null),
                        new ModerationClient.CheckRequest(text, item.type.name().toLowerCase(),
                                item.author, Map.of("contentId", item.id.toString(), "source", item.source.name()))))
                .map(Verdict::of);
    }

    Uni<Verdict> unavailable(Item item, Throwable failure) {
        LOG.warnf("moderation check unavailable for %s (%s); the item waits in the review queue", item.id, failure.toString());
        return Uni.createFrom().item(Verdict.UNAVAILABLE);
    }
}
