package io.yunying.push.tracking;

import io.smallrye.mutiny.Uni;
import io.yunying.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.Map;

@ApplicationScoped
public class TrackingService {

    private final TrackingRepository tracking;
    private final TrackingLinks links;
    private final Clock clock;

    public TrackingService(TrackingRepository tracking, TrackingLinks links, Clock clock) {
        this.tracking = tracking;
        this.links = links;
        this.clock = clock;
    }

    /** The target of a signed click link; the click is recorded. Unsigned or altered links go nowhere (404). */
    public Uni<String> click(long deliveryId, String url, String signature) {
        if (url == null || !links.validClick(deliveryId, url, signature)) {
            return Uni.createFrom().failure(ProblemException.notFound("link", "given"));
        }
        return tracking.record(deliveryId, "CLICKED", Map.of("url", url), clock.instant()).replaceWith(url);
    }

    public Uni<Void> openPixel(long deliveryId, String signature) {
        if (!links.validOpen(deliveryId, signature)) {
            return Uni.createFrom().failure(ProblemException.notFound("pixel", "given"));
        }
        return tracking.record(deliveryId, "OPENED", Map.of("via", "pixel"), clock.instant()).replaceWithVoid();
    }

    public Uni<Void> pushOpened(String externalId, long deliveryId) {
        return tracking.recordFor(externalId, deliveryId, "OPENED", Map.of("via", "push"), clock.instant())
                .flatMap(found -> found ? Uni.createFrom().voidItem() : Uni.createFrom().failure(ProblemException.notFound("delivery", deliveryId)));
    }

    public Uni<Void> receipt(Receipt r) {
        if (r.deliveryId() == null && (r.providerMessageId() == null || r.providerMessageId().isBlank())) {
            throw ProblemException.invalid("deliveryId", "a deliveryId or a providerMessageId is required");
        }
        Uni<Long> id = r.deliveryId() != null ? Uni.createFrom().item(r.deliveryId()) : tracking.byProviderId(r.providerMessageId());
        Map<String, Object> detail = r.detail() == null ? Map.of() : r.detail();
        return id.onItem().ifNull().failWith(() -> ProblemException.notFound("delivery", r.providerMessageId()))
                .flatMap(d -> tracking.record(d, r.type().name(), detail, clock.instant())
                        .flatMap(found -> !found ? Uni.createFrom().<Void>failure(ProblemException.notFound("sent delivery", d))
                                : r.type() == Receipt.Type.BOUNCED ? tracking.suppressAddressOf(d, "bounced", clock.instant())
                                : Uni.createFrom().voidItem()));
    }
}
