package io.yunying.push.journey;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.mutiny.sqlclient.Tuple;
import io.yunying.push.segment.RuleSql;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The parameters of one engine statement, numbered as they are bound; a rule's own come after. */
final class Params {

    private final List<Object> values = new ArrayList<>();

    /** A placeholder with an explicit type, so PostgreSQL never guesses (and a null is typed too). */
    String bind(Object value, String type) {
        values.add(value);
        return "$" + values.size() + "::" + type;
    }

    /** A segment rule as a condition over {@code contact c}; its parameters are appended. */
    String rule(JsonNode rule, Instant now) {
        RuleSql.Condition condition = RuleSql.compile(rule, values.size(), now);
        values.addAll(condition.params());
        return "(" + condition.where() + ")";
    }

    Tuple tuple() {
        return Tuple.from(values);
    }
}
