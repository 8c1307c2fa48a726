package io.yunying.community.appeal;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class AppealRepository implements PanacheRepositoryBase<Appeal, UUID> {

    /** Oldest first: appeals are answered in the order they came. */
    public Uni<List<Appeal>> page(String status, Instant afterTime, UUID afterId, int limit) {
        Parameters p = Parameters.with("s", status);
        String where = "status = :s";
        if (afterTime != null) {
            where += " and (createdAt > :t or (createdAt = :t and id > :id))";
            p.and("t", afterTime).and("id", afterId);
        }
        return find(where + " order by createdAt, id", p).page(0, limit).list();
    }
}
