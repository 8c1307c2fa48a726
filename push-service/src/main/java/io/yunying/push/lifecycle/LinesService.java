package io.yunying.push.lifecycle;

import io.smallrye.mutiny.Uni;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.problem.ProblemException;
import io.yunying.push.support.Cursor;
import io.yunying.push.support.Page;
import io.yunying.platform.http.Versions;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The churn-warning lines as a runtime setting. Configuration gives the defaults; an operator's edit is
 * stored in PostgreSQL, and every recompute on every replica reads the stored lines first, so an edit takes
 * effect at the next recompute without a restart. Each edit is recorded with who, when, and old and new lines.
 */
@ApplicationScoped
public class LinesService {

    static final int MAX_DAYS = 3650;

    private final LinesRepository repository;
    private final LifecycleLines defaults;
    private final Clock clock;

    public LinesService(LinesRepository repository, LifecycleConfig config, Clock clock) {
        this.defaults = LifecycleLines.of(config);
        List<Problem.FieldError> errors = check(defaults);
        if (!errors.isEmpty()) {
            throw new IllegalStateException("push.lifecycle: " + errors.get(0).field() + " " + errors.get(0).message());
        }
        this.repository = repository;
        this.clock = clock;
    }

    /** What the next recompute classifies by. */
    public Uni<LifecycleLines> current() {
        return setting().map(LinesView::lines);
    }

    public Uni<LinesView> setting() {
        return repository.find().map(stored -> stored != null ? stored : configured());
    }

    /**
     * Replaces the lines. {@code ifMatch} is checked when sent; sending the lines already in force changes
     * nothing and records nothing.
     */
    public Uni<LinesView> replace(String ifMatch, LinesRequest request, String by) {
        LifecycleLines next = valid(request);
        Long expected = Versions.ifMatch(ifMatch);
        return repository.pool().withTransaction(tx -> repository.lock(tx).flatMap(stored -> {
            LinesView current = stored != null ? stored : configured();
            if (expected != null && expected != current.version()) {
                return Uni.createFrom().failure(stale(current.version(), expected));
            }
            if (current.lines().equals(next)) {
                return Uni.createFrom().item(current);
            }
            return repository.write(tx, current.version(), current.lines(), next, by, clock.instant())
                    // only the very first write has no row to lock: two of them race on the insert
                    .onItem().ifNull().failWith(() -> ProblemException.preconditionFailed("the lifecycle lines were changed meanwhile; read them again"));
        }));
    }

    public Uni<Page<LinesChange>> changes(String cursor, Integer limit) {
        long before = Cursor.decode(cursor);
        int size = Cursor.limit(limit);
        return repository.changes(before == 0 ? Long.MAX_VALUE : before, size + 1).map(rows -> {
            boolean more = rows.size() > size;
            List<LinesRepository.Changed> page = more ? rows.subList(0, size) : rows;
            return new Page<>(page.stream().map(LinesRepository.Changed::change).toList(),
                    more ? Cursor.encode(page.get(size - 1).id()) : null);
        });
    }

    private LinesView configured() {
        return LinesView.of(defaults, 0, null, null);
    }

    private static ProblemException stale(long current, long expected) {
        return ProblemException.preconditionFailed("the lifecycle lines are at version " + current + ", not " + expected);
    }

    private static LifecycleLines valid(LinesRequest r) {
        List<Problem.FieldError> errors = new ArrayList<>();
        required(errors, "newForDays", r.newForDays());
        required(errors, "silentAfterDays", r.silentAfterDays());
        required(errors, "atRiskAfterDays", r.atRiskAfterDays());
        required(errors, "churnedAfterDays", r.churnedAfterDays());
        required(errors, "resurrectedForDays", r.resurrectedForDays());
        required(errors, "dropRatio", r.dropRatio());
        required(errors, "dropMinWeeklyBaseline", r.dropMinWeeklyBaseline());
        if (errors.isEmpty()) {
            errors.addAll(check(r.lines()));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "validation", "Invalid request",
                    errors.get(0).field() + ": " + errors.get(0).message(), errors, Map.of());
        }
        return r.lines();
    }

    private static void required(List<Problem.FieldError> errors, String field, Object value) {
        if (value == null) {
            errors.add(new Problem.FieldError(field, "required", null));
        }
    }

    /** Every line positive and in range, and the inactivity lines rising: silent, then at risk, then churned. */
    static List<Problem.FieldError> check(LifecycleLines l) {
        List<Problem.FieldError> errors = new ArrayList<>();
        days(errors, "newForDays", l.newForDays());
        days(errors, "silentAfterDays", l.silentAfterDays());
        days(errors, "atRiskAfterDays", l.atRiskAfterDays());
        days(errors, "churnedAfterDays", l.churnedAfterDays());
        days(errors, "resurrectedForDays", l.resurrectedForDays());
        if (!(l.dropRatio() >= 0 && l.dropRatio() <= 1)) {
            errors.add(new Problem.FieldError("dropRatio", "a share from 0 to 1 (0 turns the drop rule off)", l.dropRatio()));
        }
        if (l.dropMinWeeklyBaseline() < 1 || l.dropMinWeeklyBaseline() > 100_000) {
            errors.add(new Problem.FieldError("dropMinWeeklyBaseline", "a positive number of events a week, at most 100000",
                    l.dropMinWeeklyBaseline()));
        }
        if (l.atRiskAfterDays() <= l.silentAfterDays()) {
            errors.add(new Problem.FieldError("atRiskAfterDays", "must be more than silentAfterDays (" + l.silentAfterDays() + ")",
                    l.atRiskAfterDays()));
        }
        if (l.churnedAfterDays() <= l.atRiskAfterDays()) {
            errors.add(new Problem.FieldError("churnedAfterDays", "must be more than atRiskAfterDays (" + l.atRiskAfterDays() + ")",
                    l.churnedAfterDays()));
        }
        return errors;
    }

    private static void days(List<Problem.FieldError> errors, String field, int value) {
        if (value < 1 || value > MAX_DAYS) {
            errors.add(new Problem.FieldError(field, "a positive number of days, at most " + MAX_DAYS, value));
        }
    }
}
