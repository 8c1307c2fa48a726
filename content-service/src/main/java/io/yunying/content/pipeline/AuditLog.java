package io.yunying.content.pipeline;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.yunying.content.support.Db;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.yunying.content.support.Db.args;

/** Every state change, with who made it, when, from which state to which and why. */
@ApplicationScoped
public class AuditLog {

    public Uni<Void> record(SqlClient db, UUID item, String actor, Action action, ContentState from, ContentState to,
                            String reason, Instant at) {
        return record(db, item, actor, action.name(), from, to, reason, at);
    }

    /** An entry for a step that is not a state change of the item, such as a decision on its pending changes. */
    public Uni<Void> record(SqlClient db, UUID item, String actor, String action, ContentState from, ContentState to,
                            String reason, Instant at) {
        return db.preparedQuery("""
                        insert into item_transition (item_id, actor, action, from_state, to_state, reason, at)
                        values ($1, $2, $3, $4, $5, $6, $7)""")
                .execute(args(item, actor, action, from == null ? null : from.name(), to.name(), reason, at))
                .replaceWithVoid();
    }

    /** One entry per item, written with the set-wise job that changed them. */
    public Uni<Void> recordAll(SqlClient db, UUID[] items, String actor, Action action, ContentState from, ContentState to,
                               Instant at) {
        return db.preparedQuery("""
                        insert into item_transition (item_id, actor, action, from_state, to_state, at)
                        select unnest($1::uuid[]), $2, $3, $4, $5, $6""")
                .execute(args(items, actor, action.name(), from.name(), to.name(), at))
                .replaceWithVoid();
    }

    public Uni<List<Entry>> history(SqlClient db, UUID item) {
        return db.preparedQuery("select * from item_transition where item_id = $1 order by id").execute(args(item))
                .map(rows -> {
                    List<Entry> entries = new ArrayList<>();
                    rows.forEach(r -> entries.add(new Entry(r.getLong("id"), r.getString("actor"), r.getString("action"),
                            r.getString("from_state"), r.getString("to_state"), r.getString("reason"), Db.instant(r, "at"))));
                    return entries;
                });
    }

    public record Entry(long id, String actor, String action, String fromState, String toState, String reason, Instant at) {
    }
}
