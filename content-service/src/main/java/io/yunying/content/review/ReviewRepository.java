package io.yunying.content.review;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.yunying.content.support.Db.args;

@ApplicationScoped
public class ReviewRepository {

    /** Submitted items, and claimed ones whose lease ran out, by priority then age. */
    public Uni<List<QueueEntry>> queue(SqlClient db, Instant now, Integer afterPriority, Instant afterSubmitted, UUID afterId, int limit) {
        return db.preparedQuery("""
                        select * from content_item
                        where (state = 'SUBMITTED' or changes = 'SUBMITTED'
                               or ((state = 'IN_REVIEW' or changes = 'IN_REVIEW') and claim_expires_at <= $1))
                          and ($2::int is null or (-priority, submitted_at, id) > (-$2::int, $3, $4))
                        order by priority desc, submitted_at, id limit $5""")
                .execute(args(now, afterPriority, afterSubmitted, afterId, limit))
                .map(rows -> {
                    List<QueueEntry> entries = new ArrayList<>();
                    rows.forEach(r -> entries.add(QueueEntry.from(r)));
                    return entries;
                });
    }

    /** Returns every item whose claim ran out to the queue, in one statement, with an audit entry each. */
    public Uni<Integer> releaseExpired(SqlClient db, Instant now) {
        return db.preparedQuery("""
                        with expired as (
                            select id from content_item
                            where (state = 'IN_REVIEW' or changes = 'IN_REVIEW') and claim_expires_at <= $1
                            for update skip locked
                        ), released as (
                            update content_item i set state = case when i.state = 'IN_REVIEW' then 'SUBMITTED' else i.state end,
                                changes = case when i.changes = 'IN_REVIEW' then 'SUBMITTED' else i.changes end,
                                claim_expires_at = null, updated_at = $1, version = i.version + 1
                            from expired where i.id = expired.id
                            returning i.id, i.claimed_by, i.state
                        )
                        insert into item_transition (item_id, actor, action, from_state, to_state, reason, at)
                        select id, 'system:review-lease',
                               case when state = 'PUBLISHED' then 'RELEASE_CHANGES' else 'RELEASE' end,
                               case when state = 'PUBLISHED' then 'PUBLISHED' else 'IN_REVIEW' end,
                               state, 'claim by ' || claimed_by || ' expired', $1
                        from released""")
                .execute(args(now))
                .map(rows -> rows.rowCount());
    }
}
