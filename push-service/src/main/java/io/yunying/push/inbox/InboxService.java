package io.yunying.push.inbox;

import io.smallrye.mutiny.Uni;
import io.yunying.platform.problem.ProblemException;
import io.yunying.push.support.Cursor;
import io.yunying.push.support.Page;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.Map;

@ApplicationScoped
public class InboxService {

    private final InboxRepository inbox;
    private final Clock clock;

    public InboxService(InboxRepository inbox, Clock clock) {
        this.inbox = inbox;
        this.clock = clock;
    }

    /** Newest first; the cursor is the last message id of the previous page. */
    public Uni<Page<InboxMessage>> list(String externalId, String cursor, Integer limit) {
        long before = cursor == null || cursor.isBlank() ? Long.MAX_VALUE : Cursor.decode(cursor);
        int size = Cursor.limit(limit);
        return inbox.page(externalId, before, size + 1).map(rows -> rows.size() <= size ? new Page<>(rows, null)
                : new Page<>(rows.subList(0, size), Cursor.encode(rows.get(size - 1).id())));
    }

    public Uni<Map<String, Long>> unread(String externalId) {
        return inbox.unread(externalId).map(n -> Map.of("unread", n));
    }

    public Uni<Void> markRead(String externalId, long id) {
        return inbox.markRead(externalId, id, clock.instant())
                .flatMap(found -> found ? Uni.createFrom().voidItem() : Uni.createFrom().failure(ProblemException.notFound("inbox message", id)));
    }
}
