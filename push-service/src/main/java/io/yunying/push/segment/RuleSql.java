package io.yunying.push.segment;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The rule language for features outside this package that evaluate a rule inside their own
 * statements (a journey's branch, a journey's audience). The condition is over {@code contact c}
 * joined with {@link #JOINS}; an invalid rule fails with the same 400 problem as a saved segment.
 */
public final class RuleSql {

    /** The joins the condition may refer to, to write after {@code from contact c}. */
    public static final String JOINS = " left join contact_rfm r on r.contact_id = c.id left join contact_lifecycle l on l.contact_id = c.id ";

    private RuleSql() {
    }

    /**
     * @param offset how many parameters the surrounding statement binds before the rule's own
     * @param now    the instant relative times ("within the last 7 days") are measured from
     */
    public static Condition compile(JsonNode rule, int offset, Instant now) {
        CompiledRule compiled = RuleCompiler.compile(rule, offset, now);
        return new Condition(compiled.where(), compiled.params(), Set.copyOf(compiled.segmentRefs().values()));
    }

    /** A SQL condition, its parameters in order, and the keys of the segments it refers to. */
    public record Condition(String where, List<Object> params, Set<String> segments) {
    }
}
