package io.yunying.community.trend;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.yunying.community.modlog.ModerationLogEntry;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class GuidanceRepository implements PanacheRepositoryBase<TopicGuidance, String> {

    public Uni<List<TopicAlias>> aliases() {
        return getSession().chain(s -> s.createSelectionQuery("from TopicAlias order by canonical, alias", TopicAlias.class).getResultList());
    }

    public Uni<TopicAlias> alias(String alias) {
        return getSession().chain(s -> s.find(TopicAlias.class, alias));
    }

    public Uni<Void> persistAlias(TopicAlias alias) {
        return getSession().chain(s -> s.persist(alias));
    }

    public Uni<Void> removeAlias(TopicAlias alias) {
        return getSession().chain(s -> s.remove(alias));
    }

    /** Aliases of the alias being merged follow it into the new canonical topic, so no chain of aliases forms. */
    public Uni<Integer> repoint(String from, String to) {
        return getSession().chain(s -> s.createMutationQuery("update TopicAlias set canonical = :to where canonical = :from")
                .setParameter("to", to).setParameter("from", from).executeUpdate());
    }

    /** Guidance actions from the moderation log, newest first. */
    public Uni<List<ModerationLogEntry>> log(String topic, Instant beforeTime, UUID beforeId, int limit) {
        String where = "subjectType = :type" + (topic == null ? "" : " and subjectId = :topic")
                + (beforeTime == null ? "" : " and (createdAt < :t or (createdAt = :t and id < :id))");
        return getSession().chain(s -> {
            var query = s.createSelectionQuery("from ModerationLogEntry where " + where + " order by createdAt desc, id desc",
                    ModerationLogEntry.class).setParameter("type", GuidanceService.SUBJECT);
            if (topic != null) {
                query.setParameter("topic", topic);
            }
            if (beforeTime != null) {
                query.setParameter("t", beforeTime).setParameter("id", beforeId);
            }
            return query.setMaxResults(limit).getResultList();
        });
    }
}
