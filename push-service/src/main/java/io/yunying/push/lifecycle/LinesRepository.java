package io.yunying.push.lifecycle;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.yunying.push.support.Times.instant;
import static io.yunying.push.support.Times.odt;

@ApplicationScoped
public class LinesRepository {

    private final Pool pool;

    public LinesRepository(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    /** The stored lines, or null while the configured defaults apply. */
    public Uni<LinesView> find() {
        return pool.query("select * from lifecycle_lines").execute().map(LinesRepository::first);
    }

    /** The stored lines, locked until the transaction ends, or null. */
    public Uni<LinesView> lock(SqlClient tx) {
        return tx.query("select * from lifecycle_lines for update").execute().map(LinesRepository::first);
    }

    /**
     * Writes the lines when the stored version is still {@code expected} (0: nothing stored yet), and records
     * the change. Returns the new setting, or null when another writer came first.
     */
    public Uni<LinesView> write(SqlClient tx, long expected, LifecycleLines from, LifecycleLines to, String by, Instant now) {
        return tx.preparedQuery("""
                        insert into lifecycle_lines as l (id, new_for_days, silent_after_days, at_risk_after_days, churned_after_days,
                                                          resurrected_for_days, drop_ratio, drop_min_weekly_baseline, version, updated_by, updated_at)
                        values (1, $1, $2, $3, $4, $5, $6, $7, $8 + 1, $9, $10)
                        on conflict (id) do update set new_for_days = excluded.new_for_days, silent_after_days = excluded.silent_after_days,
                               at_risk_after_days = excluded.at_risk_after_days, churned_after_days = excluded.churned_after_days,
                               resurrected_for_days = excluded.resurrected_for_days, drop_ratio = excluded.drop_ratio,
                               drop_min_weekly_baseline = excluded.drop_min_weekly_baseline, version = excluded.version,
                               updated_by = excluded.updated_by, updated_at = excluded.updated_at
                         where l.version = $8
                        returning *""")
                .execute(Tuple.from(new Object[]{to.newForDays(), to.silentAfterDays(), to.atRiskAfterDays(), to.churnedAfterDays(),
                        to.resurrectedForDays(), to.dropRatio(), to.dropMinWeeklyBaseline(), expected, by, odt(now)}))
                .map(LinesRepository::first)
                .call(written -> written == null ? Uni.createFrom().voidItem()
                        : tx.preparedQuery("""
                                insert into lifecycle_lines_change (version, changed_by, changed_at, old_lines, new_lines)
                                values ($1, $2, $3, $4, $5)""")
                        .execute(Tuple.of(written.version(), by, odt(now), JsonObject.mapFrom(from), JsonObject.mapFrom(to))));
    }

    /** Changes newest first, those with an id below {@code before}. */
    public Uni<List<Changed>> changes(long before, int limit) {
        return pool.preparedQuery("select * from lifecycle_lines_change where id < $1 order by id desc limit $2")
                .execute(Tuple.of(before, limit))
                .map(rows -> {
                    List<Changed> list = new ArrayList<>();
                    rows.forEach(row -> list.add(new Changed(row.getLong("id"), new LinesChange(row.getLong("version"),
                            row.getString("changed_by"), instant(row.getOffsetDateTime("changed_at")),
                            lines(row.getJsonObject("old_lines")), lines(row.getJsonObject("new_lines"))))));
                    return list;
                });
    }

    /** A change and its position, for the cursor. */
    public record Changed(long id, LinesChange change) {
    }

    private static LifecycleLines lines(JsonObject json) {
        return json.mapTo(LifecycleLines.class);
    }

    private static LinesView first(RowSet<Row> rows) {
        var it = rows.iterator();
        if (!it.hasNext()) {
            return null;
        }
        Row row = it.next();
        return new LinesView(row.getInteger("new_for_days"), row.getInteger("silent_after_days"), row.getInteger("at_risk_after_days"),
                row.getInteger("churned_after_days"), row.getInteger("resurrected_for_days"), row.getDouble("drop_ratio"),
                row.getInteger("drop_min_weekly_baseline"), row.getLong("version"), row.getString("updated_by"),
                instant(row.getOffsetDateTime("updated_at")));
    }
}
