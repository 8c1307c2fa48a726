package io.yunying.content.schedule;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.yunying.content.pipeline.Action;
import io.yunying.content.pipeline.AuditLog;
import io.yunying.content.pipeline.ContentState;
import io.yunying.content.pipeline.LiveCopy;
import io.yunying.content.support.Actor;
import io.yunying.content.support.ContentConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import static io.yunying.content.support.Db.args;

/**
 * Publishes and unpublishes what is due. Each batch claims its rows with {@code FOR UPDATE SKIP LOCKED}, which
 * re-checks the state on the row it locks (a row changed meanwhile is re-read and dropped when no longer due), so
 * with any number of replicas (or overlapping runs) an item goes live exactly once, and an item that was rescheduled, unscheduled or edited since is not due
 * any more and is left alone. Everything due is taken, however late, so a run after downtime catches up.
 * <p>
 * The claimed ids are collected into an array once and the rows updated through their primary key: right after
 * thousands of items were scheduled the table's statistics still say "one row is due", and a join against the
 * claiming subquery was then planned as a nested loop comparing every due row with every claimed one (2,000 × 10,000
 * comparisons per batch, seconds each). Without a state condition in the UPDATE itself (the lock already holds it)
 * the only way in is the primary key.
 */
@ApplicationScoped
public class ScheduleService {

    private static final String CLAIM_DUE_PUBLISH = """
            with due as (
                select id from content_item
                where state = 'SCHEDULED' and publish_at <= $1
                order by publish_at, id limit $2
                for update skip locked
            )
            update content_item i set state = 'PUBLISHED', published_at = $1, live_revision = i.revision,
                publish_at = null, updated_at = $1, version = i.version + 1
            where i.id = any(array(select id from due))
            returning i.id""";

    private static final String CLAIM_DUE_UNPUBLISH = """
            with due as (
                select id from content_item
                where state = 'PUBLISHED' and unpublish_at <= $1
                order by unpublish_at, id limit $2
                for update skip locked
            )
            update content_item i set state = 'UNPUBLISHED', live_revision = null, unpublish_at = null,
                changes = null, changes_reason = null, claimed_by = null, claim_expires_at = null,
                updated_at = $1, version = i.version + 1
            where i.id = any(array(select id from due))
            returning i.id""";

    private final Pool pool;
    private final LiveCopy live;
    private final AuditLog audit;
    private final ContentConfig config;
    private final Clock clock;

    public ScheduleService(Pool pool, LiveCopy live, AuditLog audit, ContentConfig config, Clock clock) {
        this.pool = pool;
        this.live = live;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    public record RunResult(int published, int unpublished) {
    }

    public Uni<RunResult> runDue() {
        Instant now = clock.instant();
        return publishAll(now, 0).chain(published -> unpublishAll(now, 0).map(unpublished -> new RunResult(published, unpublished)));
    }

    private Uni<Integer> publishAll(Instant now, int soFar) {
        int batch = config.schedule().batchSize();
        return publishBatch(now, batch).chain(n -> n < batch ? Uni.createFrom().item(soFar + n) : publishAll(now, soFar + n));
    }

    private Uni<Integer> unpublishAll(Instant now, int soFar) {
        int batch = config.schedule().batchSize();
        return unpublishBatch(now, batch).chain(n -> n < batch ? Uni.createFrom().item(soFar + n) : unpublishAll(now, soFar + n));
    }

    private Uni<Integer> publishBatch(Instant now, int batch) {
        return pool.withTransaction(db -> db.preparedQuery(CLAIM_DUE_PUBLISH).execute(args(now, batch)).chain(rows -> {
            UUID[] ids = ids(rows);
            if (ids.length == 0) {
                return Uni.createFrom().item(0);
            }
            return live.goLive(db, ids, now)
                    .chain(() -> audit.recordAll(db, ids, Actor.SCHEDULER.name(), Action.PUBLISH, ContentState.SCHEDULED,
                            ContentState.PUBLISHED, now))
                    .replaceWith(ids.length);
        }));
    }

    private Uni<Integer> unpublishBatch(Instant now, int batch) {
        return pool.withTransaction(db -> db.preparedQuery(CLAIM_DUE_UNPUBLISH).execute(args(now, batch)).chain(rows -> {
            UUID[] ids = ids(rows);
            if (ids.length == 0) {
                return Uni.createFrom().item(0);
            }
            return live.takeOff(db, ids, now, ContentState.UNPUBLISHED, "unpublish time reached")
                    .chain(() -> audit.recordAll(db, ids, Actor.SCHEDULER.name(), Action.UNPUBLISH, ContentState.PUBLISHED,
                            ContentState.UNPUBLISHED, now))
                    .replaceWith(ids.length);
        }));
    }

    private static UUID[] ids(RowSet<Row> rows) {
        UUID[] ids = new UUID[rows.rowCount()];
        int i = 0;
        for (Row row : rows) {
            ids[i++] = row.getUUID(0);
        }
        return ids;
    }
}
