package io.yunying.community.moderation;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class LexiconRepository implements PanacheRepositoryBase<LexiconEntry, UUID> {

    private final Pool pool;

    public LexiconRepository(Pool pool) {
        this.pool = pool;
    }

    /** Bumped in the same transaction as every change, so replicas know to reload. */
    public Uni<Long> bumpVersion() {
        return getSession().chain(s -> s.createNativeQuery(
                        "update lexicon_version set version = version + 1, changed_at = now() returning version", Long.class)
                .getSingleResult());
    }

    public Uni<List<LexiconEntry>> page(EntryKind kind, Category category, Instant afterTime, UUID afterId, int limit) {
        StringBuilder where = new StringBuilder("1 = 1");
        io.quarkus.panache.common.Parameters params = new io.quarkus.panache.common.Parameters();
        if (kind != null) {
            where.append(" and kind = :kind");
            params.and("kind", kind);
        }
        if (category != null) {
            where.append(" and category = :category");
            params.and("category", category);
        }
        if (afterTime != null) {
            where.append(" and (createdAt > :t or (createdAt = :t and id > :id))");
            params.and("t", afterTime).and("id", afterId);
        }
        return find(where + " order by createdAt, id", params).page(0, limit).list();
    }

    public Uni<Long> currentVersion() {
        return pool.query("select version from lexicon_version").execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** Every entry as matching rules, read outside any Hibernate session: this runs from the reload job. */
    public Uni<List<Lexicon.Rule>> allRules() {
        return pool.query("select id, kind, pattern, category, action, severity from lexicon_entry").execute()
                .map(rows -> {
                    List<Lexicon.Rule> rules = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        String action = row.getString("action");
                        rules.add(LexiconRules.rule(row.getUUID("id").toString(), EntryKind.valueOf(row.getString("kind")),
                                row.getString("pattern"), Category.valueOf(row.getString("category")),
                                action == null ? null : Action.valueOf(action), row.getInteger("severity")));
                    }
                    return rules;
                });
    }
}
