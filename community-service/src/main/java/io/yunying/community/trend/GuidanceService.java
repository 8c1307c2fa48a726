package io.yunying.community.trend;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.yunying.community.modlog.ModerationLog;
import io.yunying.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Operators steer the lists: pin, block, approve past the review gate, merge synonyms. Each change and its
 * moderation-log record (who, when, what, why; subject type {@code topic}) commit together.
 */
@ApplicationScoped
public class GuidanceService {

    public static final String SUBJECT = "topic";
    static final Duration MAX_PIN = Duration.ofDays(30);

    public record Guidance(String topic, boolean approved, boolean blocked, Integer pinPosition, Instant pinnedUntil,
                           String canonical, List<String> aliases, String updatedBy, Instant updatedAt) {
    }

    private final GuidanceRepository repository;
    private final TrendRepository trends;
    private final Pool pool;
    private final ModerationLog log;
    private final TrendingService trending;
    private final TrendConfig config;
    private final Clock clock;

    public GuidanceService(GuidanceRepository repository, TrendRepository trends, Pool pool, ModerationLog log, TrendingService trending,
                           TrendConfig config, Clock clock) {
        this.repository = repository;
        this.trends = trends;
        this.pool = pool;
        this.log = log;
        this.trending = trending;
        this.config = config;
        this.clock = clock;
    }

    public Uni<Guidance> pin(String rawTopic, int position, Instant end, Integer hours, String operator, String reason) {
        String topic = topic(rawTopic);
        Instant now = clock.instant();
        Instant until = end != null ? end : now.plus(Duration.ofHours(hours));
        int max = config.publicList().maxLimit();
        if (position < 1 || position > max) {
            throw ProblemException.invalid("position", "between 1 and " + max);
        }
        if (!until.isAfter(now) || until.isAfter(now.plus(MAX_PIN))) {
            throw ProblemException.invalid(end != null ? "until" : "hours", "after now and at most 30 days ahead");
        }
        return change(topic, operator, g -> {
            if (g.blocked) {
                throw ProblemException.conflict("topic-blocked", "Topic blocked", "unblock " + topic + " before pinning it", Map.of("topic", topic));
            }
            g.pinPosition = position;
            g.pinnedUntil = until;
        }, "topic.pinned", "position " + position + " until " + until + ": " + reason);
    }

    public Uni<Guidance> unpin(String rawTopic, String operator, String reason) {
        String topic = topic(rawTopic);
        return change(topic, operator, g -> {
            if (g.pinPosition == null) {
                throw ProblemException.conflict("not-pinned", "Topic not pinned", topic + " is not pinned", Map.of("topic", topic));
            }
            g.pinPosition = null;
            g.pinnedUntil = null;
        }, "topic.unpinned", reason);
    }

    /** A blocked topic leaves every public list at once, pin included; operators still see it, marked. */
    public Uni<Guidance> block(String rawTopic, String operator, String reason) {
        return change(topic(rawTopic), operator, g -> {
            g.blocked = true;
            g.pinPosition = null;
            g.pinnedUntil = null;
        }, "topic.blocked", reason);
    }

    public Uni<Guidance> unblock(String rawTopic, String operator, String reason) {
        String topic = topic(rawTopic);
        return change(topic, operator, g -> {
            if (!g.blocked) {
                throw ProblemException.conflict("not-blocked", "Topic not blocked", topic + " is not blocked", Map.of("topic", topic));
            }
            g.blocked = false;
        }, "topic.unblocked", reason);
    }

    /** Lets a topic into the gated top positions of the public list. */
    public Uni<Guidance> approve(String rawTopic, String operator, String reason) {
        String topic = topic(rawTopic);
        return change(topic, operator, g -> {
            if (g.blocked) {
                throw ProblemException.conflict("topic-blocked", "Topic blocked", "unblock " + topic + " before approving it", Map.of("topic", topic));
            }
            g.approved = true;
        }, "topic.approved", reason);
    }

    /**
     * Merges {@code alias} into {@code canonical}: from now on the alias' signals are recorded for the canonical
     * topic, and its earlier counters are added to the canonical topic's when lists are computed. Aliases of the
     * alias follow it. A canonical topic cannot itself be an alias (no chains).
     */
    public Uni<Guidance> merge(String rawAlias, String rawCanonical, String operator, String reason) {
        String alias = topic(rawAlias);
        String canonical = Topics.valid(rawCanonical);
        if (canonical == null) {
            throw ProblemException.invalid("into", "a topic is 1 to " + Topics.MAX_LENGTH + " characters without '#'");
        }
        if (alias.equals(canonical)) {
            throw ProblemException.invalid("into", "a topic cannot be merged into itself");
        }
        Instant now = clock.instant();
        return Panache.withTransaction(() -> repository.alias(canonical).chain(target -> {
                    if (target != null) {
                        throw ProblemException.conflict("canonical-is-alias", "Canonical topic is an alias",
                                canonical + " is merged into " + target.canonical + "; merge into that one", Map.of("canonical", target.canonical));
                    }
                    return repository.alias(alias);
                }).chain(existing -> {
                    if (existing != null) {
                        throw ProblemException.conflict("already-merged", "Topic already merged",
                                alias + " is merged into " + existing.canonical, Map.of("canonical", existing.canonical));
                    }
                    TopicAlias row = new TopicAlias();
                    row.alias = alias;
                    row.canonical = canonical;
                    row.mergedBy = operator;
                    row.mergedAt = now;
                    return repository.repoint(alias, canonical)
                            .chain(() -> repository.persistAlias(row))
                            .chain(() -> log.record(operator, "topic.merged", SUBJECT, alias, "into " + canonical + ": " + reason));
                }))
                .call(trending::refresh)
                .chain(() -> view(canonical));
    }

    public Uni<Guidance> unmerge(String rawAlias, String operator, String reason) {
        String alias = topic(rawAlias);
        return Panache.withTransaction(() -> repository.alias(alias).chain(existing -> {
                    if (existing == null) {
                        throw ProblemException.notFound("alias", alias);
                    }
                    return repository.removeAlias(existing)
                            .chain(() -> log.record(operator, "topic.unmerged", SUBJECT, alias, "from " + existing.canonical + ": " + reason));
                }))
                .call(trending::refresh)
                .chain(() -> view(alias));
    }

    /** A topic's guidance; 404 when nothing was ever recorded or decided about it. */
    public Uni<Guidance> find(String rawTopic) {
        String topic = topic(rawTopic);
        return trends.known(pool, topic).chain(known -> known ? view(topic)
                : Uni.createFrom().failure(ProblemException.notFound("topic", topic)));
    }

    public Uni<Guidance> view(String rawTopic) {
        String topic = topic(rawTopic);
        return Panache.withSession(() -> repository.findById(topic).chain(g -> repository.aliases().map(aliases -> {
            String canonical = aliases.stream().filter(a -> a.alias.equals(topic)).map(a -> a.canonical).findFirst().orElse(null);
            List<String> own = aliases.stream().filter(a -> a.canonical.equals(topic)).map(a -> a.alias).toList();
            return g == null
                    ? new Guidance(topic, false, false, null, null, canonical, own, null, null)
                    : new Guidance(topic, g.approved, g.blocked, g.pinPosition, g.pinnedUntil, canonical, own, g.updatedBy, g.updatedAt);
        })));
    }

    private Uni<Guidance> change(String topic, String operator, Consumer<TopicGuidance> edit, String action, String reason) {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> repository.alias(topic).chain(alias -> {
                    if (alias != null) {
                        throw ProblemException.conflict("topic-merged", "Topic merged", topic + " is merged into " + alias.canonical
                                + "; guide the canonical topic", Map.of("canonical", alias.canonical));
                    }
                    return repository.findById(topic);
                }).chain(found -> {
                    TopicGuidance g = found != null ? found : new TopicGuidance();
                    if (found == null) {
                        g.topic = topic;
                    }
                    edit.accept(g);
                    g.updatedBy = operator;
                    g.updatedAt = now;
                    return (found == null ? repository.persist(g) : Uni.createFrom().item(g))
                            .chain(() -> log.record(operator, action, SUBJECT, topic, reason));
                }))
                .call(trending::refresh)
                .chain(() -> view(topic));
    }

    private static String topic(String raw) {
        String topic = Topics.valid(raw);
        if (topic == null) {
            throw ProblemException.invalid("topic", "a topic is 1 to " + Topics.MAX_LENGTH + " characters without '#'");
        }
        return topic;
    }
}
