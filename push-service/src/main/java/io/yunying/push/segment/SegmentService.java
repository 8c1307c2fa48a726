package io.yunying.push.segment;

import io.yunying.push.support.KeyCursor;
import io.yunying.platform.http.Versions;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.problem.ProblemException;
import io.yunying.push.support.Cursor;
import io.yunying.push.support.Page;
import io.yunying.push.support.PgErrors;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class SegmentService {

    static final String KEY = "[a-z0-9][a-z0-9_-]{0,63}";
    private static final Logger LOG = Logger.getLogger(SegmentService.class);

    private final SegmentRepository segments;
    private final Clock clock;

    public SegmentService(SegmentRepository segments, Clock clock) {
        this.segments = segments;
        this.clock = clock;
    }

    public Uni<SegmentView> create(SegmentRequest request) {
        return validate(request.rule(), request.key(), 0).flatMap(rule -> segments.insert(request, clock.instant()))
                .onFailure(PgErrors::isUniqueViolation).transform(e -> ProblemException.conflict("segment-exists",
                        "Segment key taken", "a segment with key " + request.key() + " exists", Map.of("key", request.key())));
    }

    public Uni<SegmentView> get(String key) {
        return segments.find(key).onItem().ifNull().failWith(() -> ProblemException.notFound("segment", key));
    }

    public Uni<Page<SegmentView>> list(String cursor, Integer limit) {
        String after = KeyCursor.decode(cursor);
        int size = Cursor.limit(limit);
        return segments.page(after, size + 1).map(rows -> rows.size() <= size ? new Page<>(rows, null)
                : new Page<>(rows.subList(0, size), KeyCursor.encode(rows.get(size - 1).key())));
    }

    public Uni<SegmentView> update(String key, String ifMatch, SegmentRequest request) {
        if (!key.equals(request.key())) {
            throw ProblemException.invalid("key", "the key cannot be changed");
        }
        Long expected = Versions.ifMatch(ifMatch);
        return get(key).flatMap(current -> validate(request.rule(), key, 0)
                .flatMap(rule -> current.materialised() && !request.materialised()
                        ? segments.referencing(key).invoke(refs -> {
                            if (!refs.isEmpty()) {
                                throw ProblemException.conflict("segment-referenced", "Segment in use",
                                        "segments " + refs + " refer to " + key + ", so it must stay materialised", Map.of("referencedBy", refs));
                            }
                        }).replaceWith(rule)
                        : Uni.createFrom().item(rule))
                .flatMap(rule -> segments.update(key, expected, request, clock.instant()))
                .flatMap(n -> n == 0 ? Uni.createFrom().<SegmentView>failure(ProblemException.preconditionFailed(
                        "segment " + key + " is at version " + current.version() + ", not " + expected))
                        : segments.dropMembersIfLive(key).flatMap(x -> get(key))));
    }

    public Uni<Void> delete(String key) {
        return segments.referencing(key).flatMap(refs -> {
            if (!refs.isEmpty()) {
                return Uni.createFrom().failure(ProblemException.conflict("segment-referenced", "Segment in use",
                        "segments " + refs + " refer to " + key, Map.of("referencedBy", refs)));
            }
            return segments.delete(key).flatMap(n -> n == 0
                    ? Uni.createFrom().failure(ProblemException.notFound("segment", key)) : Uni.createFrom().voidItem());
        });
    }

    public Uni<CountView> preview(JsonNode rule) {
        Instant now = clock.instant();
        return validate(rule, null, 0).flatMap(compiled -> segments.count(compiled)).map(n -> new CountView(n, now));
    }

    public Uni<CountView> count(String key) {
        Instant now = clock.instant();
        return get(key).flatMap(s -> validate(s.rule(), key, 0)).flatMap(segments::count).map(n -> new CountView(n, now));
    }

    public Uni<SegmentView> refresh(String key) {
        Instant now = clock.instant();
        return get(key).flatMap(s -> {
            if (!s.materialised()) {
                return Uni.createFrom().failure(ProblemException.conflict("segment-live", "Segment is not materialised",
                        "segment " + key + " is evaluated live; there is nothing to refresh", Map.of()));
            }
            return validate(s.rule(), key, 2).flatMap(rule -> segments.refresh(s.id(), rule, now))
                    .flatMap(n -> n == null ? Uni.createFrom().failure(ProblemException.conflict("refresh-running",
                            "Refresh in progress", "segment " + key + " is being refreshed", Map.of())) : get(key));
        });
    }

    /** Members of a segment: the stored membership when materialised, a live evaluation otherwise. */
    public Uni<Page<String>> members(String key, String cursor, Integer limit) {
        long after = Cursor.decode(cursor);
        int size = Cursor.limit(limit);
        return get(key).flatMap(s -> s.materialised() ? segments.storedMembers(s.id(), after, size + 1)
                        : validate(s.rule(), key, 2).flatMap(rule -> segments.liveMembers(rule, after, size + 1)))
                .map(rows -> {
                    List<String> ids = new ArrayList<>();
                    rows.stream().limit(size).forEach(m -> ids.add(m.externalId()));
                    return new Page<>(ids, rows.size() > size ? Cursor.encode(rows.get(size - 1).seq()) : null);
                });
    }

    /** Refreshes every materialised segment in turn; a segment another replica holds is skipped. */
    @Scheduled(every = "{push.segments.refresh-every}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> refreshAll() {
        return segments.materialised().onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                .onItem().transformToUniAndConcatenate(s -> validate(s.rule(), s.key(), 2)
                        .flatMap(rule -> segments.refresh(s.id(), rule, clock.instant()))
                        .onFailure().recoverWithItem(e -> {
                            LOG.warnf(e, "segment %s was not refreshed", s.key());
                            return null;
                        }))
                .collect().last().replaceWithVoid();
    }

    /**
     * Members of any of {@code include} and of none of {@code exclude}: a materialised segment by its
     * stored membership, a live one by its rule. Parameters are numbered after {@code paramOffset}.
     */
    public Uni<Audience> audience(List<String> include, List<String> exclude, int paramOffset) {
        List<String> keys = new ArrayList<>(include);
        keys.addAll(exclude);
        return segments.byKeys(keys).flatMap(found -> {
            Map<String, SegmentView> byKey = new java.util.HashMap<>();
            found.forEach(s -> byKey.put(s.key(), s));
            List<Object> params = new ArrayList<>();
            List<String> in = new ArrayList<>();
            List<String> out = new ArrayList<>();
            for (String key : keys) {
                SegmentView s = byKey.get(key);
                if (s == null) {
                    return Uni.createFrom().failure(ProblemException.invalid("segments", "no segment with key " + key));
                }
                // an included segment is only tested for truth; an excluded one is negated, so it must be exact
                boolean included = in.size() < include.size();
                (included ? in : out).add(membership(s, included, paramOffset, params));
            }
            String where = "(" + String.join(" or ", in) + ")" + (out.isEmpty() ? "" : " and not (" + String.join(" or ", out) + ")");
            return Uni.createFrom().item(new Audience(where, params));
        });
    }

    /**
     * The live members of one segment, materialised or not, as a condition over {@code contact c}
     * (joined as {@link RuleSql#JOINS}) to AND into a WHERE clause; a missing segment is a 400 on {@code field}.
     */
    public Uni<Audience> members(String key, String field, int paramOffset) {
        return get(key).onFailure(ProblemException.class).transform(e -> ProblemException.invalid(field, "no segment with key " + key))
                .map(s -> {
                    List<Object> params = new ArrayList<>();
                    String condition = membership(s, true, paramOffset, params);
                    return new Audience("c.erased_at is null and " + condition, params);
                });
    }

    private String membership(SegmentView s, boolean filter, int paramOffset, List<Object> params) {
        if (s.materialised()) {
            params.add(s.id());
            return "exists (select 1 from segment_member m where m.contact_id = c.id and m.segment_id = $"
                    + (paramOffset + params.size()) + ")";
        }
        int offset = paramOffset + params.size();
        CompiledRule rule = filter ? RuleCompiler.compileFilter(s.rule(), offset, clock.instant())
                : RuleCompiler.compile(s.rule(), offset, clock.instant());
        params.addAll(rule.params());
        return "(" + rule.where() + ")";
    }

    /**
     * Compiles the rule and checks that every segment it names exists, is materialised and is not itself.
     * The condition is for {@link SegmentRepository}, which only ever uses it as a WHERE conjunct.
     */
    private Uni<CompiledRule> validate(JsonNode rule, String ownKey, int paramOffset) {
        CompiledRule compiled = RuleCompiler.compileFilter(rule, paramOffset, clock.instant());
        if (compiled.segmentRefs().isEmpty()) {
            return Uni.createFrom().item(compiled);
        }
        return segments.materialisedFlags(List.copyOf(compiled.segmentRefs().values())).map(flags -> {
            List<Problem.FieldError> errors = new ArrayList<>();
            compiled.segmentRefs().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(ref -> {
                String key = ref.getValue();
                if (key.equals(ownKey)) {
                    errors.add(new Problem.FieldError(ref.getKey(), "a segment cannot contain itself", null));
                } else if (!flags.containsKey(key)) {
                    errors.add(new Problem.FieldError(ref.getKey(), "no segment with key " + key, null));
                } else if (!flags.get(key)) {
                    errors.add(new Problem.FieldError(ref.getKey(), "segment " + key + " is not materialised; only materialised segments can be referenced", null));
                }
            });
            if (!errors.isEmpty()) {
                throw new ProblemException(400, "invalid-rule", "Invalid segment rule",
                        errors.get(0).field() + ": " + errors.get(0).message(), errors, Map.of());
            }
            return compiled;
        });
    }

}
