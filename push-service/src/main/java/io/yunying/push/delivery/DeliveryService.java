package io.yunying.push.delivery;

import io.smallrye.mutiny.Uni;
import io.yunying.platform.problem.ProblemException;
import io.yunying.push.support.Cursor;
import io.yunying.push.support.KeyCursor;
import io.yunying.push.support.Page;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class DeliveryService {

    private final DeliveryRepository deliveries;
    private final Clock clock;

    public DeliveryService(DeliveryRepository deliveries, Clock clock) {
        this.deliveries = deliveries;
        this.clock = clock;
    }

    public Uni<DeliveryView> get(long id) {
        return deliveries.find(id).onItem().ifNull().failWith(() -> ProblemException.notFound("delivery", id));
    }

    public Uni<Page<DeliveryView>> deadLetters(String cursor, Integer limit) {
        long after = Cursor.decode(cursor);
        int size = Cursor.limit(limit);
        return deliveries.deadLetters(after, size + 1).map(rows -> rows.size() <= size ? new Page<>(rows, null)
                : new Page<>(rows.subList(0, size), Cursor.encode(rows.get(size - 1).id())));
    }

    public Uni<DeliveryView> requeue(long id) {
        return get(id).flatMap(d -> deliveries.requeue(id, clock.instant()).flatMap(done -> done ? get(id)
                : Uni.createFrom().failure(ProblemException.conflict("not-dead-letter", "Not a dead letter",
                "delivery " + id + " is " + d.status() + "; only dead letters can be requeued", Map.of("status", d.status())))));
    }

    public Uni<Page<Map<String, Object>>> suppressions(String cursor, Integer limit) {
        String after = KeyCursor.decode(cursor);
        int size = Cursor.limit(limit);
        return deliveries.suppressions(after, size + 1).map(rows -> {
            if (rows.size() <= size) {
                return new Page<>(rows, null);
            }
            Map<String, Object> last = rows.get(size - 1);
            return new Page<>(List.copyOf(rows.subList(0, size)), KeyCursor.encode(last.get("channel") + ":" + last.get("address")));
        });
    }

    public Uni<Void> unsuppress(String channel, String address) {
        return deliveries.unsuppress(channel, address).flatMap(done -> done ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(ProblemException.notFound("suppression", channel + " " + address)));
    }
}
