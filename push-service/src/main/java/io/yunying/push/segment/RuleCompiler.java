package io.yunying.push.segment;

import com.fasterxml.jackson.databind.JsonNode;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.problem.ProblemException;
import io.yunying.push.contact.Channel;
import io.yunying.push.event.EventService;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validates a segment rule and compiles it to a SQL condition. Every error names its place in the
 * rule ({@code rule.all[1].op}); all of them are reported at once. Field names come from
 * {@link Vocabulary} only and every value is a bound parameter, so no rule text reaches SQL.
 */
final class RuleCompiler {

    private static final int MAX_DEPTH = 8;
    private static final int MAX_NODES = 200;
    private static final int MAX_LIST = 1000;
    private static final int MAX_TEXT = 256;
    private static final int MAX_DAYS = 3650;
    private static final Pattern CUSTOM_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    private static final Pattern SEGMENT_KEY = Pattern.compile(SegmentService.KEY);
    private static final Pattern TOPIC = Pattern.compile("\\*|[a-z0-9][a-z0-9_-]{0,63}");
    private static final String NUMBER = "'^-?[0-9]+(\\.[0-9]+)?$'";

    private final SqlBuilder sql;
    private final OffsetDateTime now;
    private final List<Problem.FieldError> errors = new ArrayList<>();
    private final Map<String, String> segmentRefs = new LinkedHashMap<>();
    private int nodes;
    /** Whether a comparison on a missing field must say false rather than null; see {@link #twoValued}. */
    private boolean exact;

    private RuleCompiler(int paramOffset, Instant now, boolean exact) {
        this.sql = new SqlBuilder(paramOffset);
        this.now = now.atOffset(ZoneOffset.UTC);
        this.exact = exact;
    }

    /**
     * A condition that is true, false, never null: it may be negated or used as a value.
     *
     * @param paramOffset how many parameters the surrounding statement binds before the rule's own
     */
    static CompiledRule compile(JsonNode rule, int paramOffset, Instant now) {
        return compile(rule, paramOffset, now, true);
    }

    /**
     * A condition only ever tested for truth, as a conjunct of a WHERE clause and never under a NOT
     * the caller adds. It may be null where {@link #compile} says false, which lets the planner use
     * an index on the compared column.
     */
    static CompiledRule compileFilter(JsonNode rule, int paramOffset, Instant now) {
        return compile(rule, paramOffset, now, false);
    }

    private static CompiledRule compile(JsonNode rule, int paramOffset, Instant now, boolean exact) {
        RuleCompiler compiler = new RuleCompiler(paramOffset, now, exact);
        String where = compiler.node(rule, "rule", 1);
        if (!compiler.errors.isEmpty()) {
            throw new ProblemException(400, "invalid-rule", "Invalid segment rule",
                    compiler.errors.size() == 1 ? compiler.errors.get(0).field() + ": " + compiler.errors.get(0).message()
                            : compiler.errors.size() + " parts of the rule are invalid",
                    compiler.errors, Map.of());
        }
        return new CompiledRule(where, List.copyOf(compiler.sql.params()), Map.copyOf(compiler.segmentRefs));
    }

    private String fail(String path, String message) {
        errors.add(new Problem.FieldError(path, message, null));
        return "false";
    }

    private String node(JsonNode node, String path, int depth) {
        if (++nodes > MAX_NODES) {
            return nodes == MAX_NODES + 1 ? fail(path, "a rule has at most " + MAX_NODES + " conditions") : "false";
        }
        if (depth > MAX_DEPTH) {
            return fail(path, "rules nest at most " + MAX_DEPTH + " levels deep");
        }
        if (node == null || !node.isObject()) {
            return fail(path, "a condition is a JSON object");
        }
        List<String> kinds = new ArrayList<>();
        node.fieldNames().forEachRemaining(name -> {
            if (Vocabulary.KINDS.contains(name)) {
                kinds.add(name);
            }
        });
        if (kinds.size() != 1) {
            return fail(path, "a condition has exactly one of " + String.join(", ", Vocabulary.KINDS));
        }
        String kind = kinds.get(0);
        return switch (kind) {
            case "all", "any" -> group(node, path, kind, depth);
            case "not" -> {
                allowOnly(node, path, "not");
                boolean outer = exact;
                exact = true;
                String inner = node(node.get("not"), path + ".not", depth + 1);
                exact = outer;
                yield "not (" + inner + ")";
            }
            case "attribute" -> attribute(node, path);
            case "event" -> event(node, path);
            case "consent" -> consent(node, path);
            default -> segment(node, path);
        };
    }

    private void allowOnly(JsonNode node, String path, String... members) {
        List<String> allowed = Arrays.asList(members);
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                fail(path + "." + name, "unknown member; this condition takes " + String.join(", ", allowed));
            }
        }
    }

    /**
     * A comparison is null when its field is. Under AND and OR alone a null row fails exactly as a
     * false one would, so the bare comparison is kept and stays sargable; under a NOT a null would
     * stay null instead of turning true, so there it is made two-valued.
     */
    private String twoValued(String comparison) {
        return exact ? "coalesce(" + comparison + ", false)" : comparison;
    }

    private String group(JsonNode node, String path, String kind, int depth) {
        allowOnly(node, path, kind);
        JsonNode items = node.get(kind);
        if (items == null || !items.isArray() || items.isEmpty()) {
            return fail(path + "." + kind, "a non-empty list of conditions");
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            parts.add("(" + node(items.get(i), path + "." + kind + "[" + i + "]", depth + 1) + ")");
        }
        return String.join(kind.equals("all") ? " and " : " or ", parts);
    }

    private String op(JsonNode node, String path, List<String> allowed, String what) {
        JsonNode op = node.get("op");
        if (op == null || !op.isTextual()) {
            fail(path + ".op", "required, one of " + String.join(", ", allowed));
            return null;
        }
        if (!allowed.contains(op.asText())) {
            fail(path + ".op", "unknown operator '" + op.asText() + "' for " + what + "; one of " + String.join(", ", allowed));
            return null;
        }
        return op.asText();
    }

    // ----- attributes

    private String attribute(JsonNode node, String path) {
        allowOnly(node, path, "attribute", "op", "value");
        JsonNode name = node.get("attribute");
        if (name == null || !name.isTextual()) {
            return fail(path + ".attribute", "the name of an attribute");
        }
        String field = name.asText();
        Vocabulary.Field f;
        String column;
        if (field.startsWith(Vocabulary.CUSTOM_PREFIX)) {
            String key = field.substring(Vocabulary.CUSTOM_PREFIX.length());
            if (!CUSTOM_KEY.matcher(key).matches()) {
                return fail(path + ".attribute", "a custom attribute is custom.<key>, the key a letter followed by letters, digits or _");
            }
            f = new Vocabulary.Field(null, Vocabulary.Kind.CUSTOM, List.of());
            column = "(c.attributes ->> " + sql.bind(key, "text") + ")";
        } else {
            f = Vocabulary.FIELDS.get(field);
            if (f == null) {
                return fail(path + ".attribute", "unknown attribute; one of " + String.join(", ", Vocabulary.FIELDS.keySet())
                        + " or custom.<key>");
            }
            column = f.column();
        }
        String op = op(node, path, Vocabulary.OPS.get(f.kind()), "attribute " + field);
        if (op == null) {
            return "false";
        }
        JsonNode value = node.get("value");
        String valuePath = path + ".value";
        if (op.equals("exists") || op.equals("not_exists")) {
            if (value != null) {
                fail(valuePath, "'" + op + "' takes no value");
            }
            return column + (op.equals("exists") ? " is not null" : " is null");
        }
        if (value == null || value.isNull()) {
            return fail(valuePath, "required for '" + op + "'");
        }
        return switch (f.kind()) {
            case TEXT, ENUM -> text(column, op, value, valuePath, f.allowed());
            case SCORE -> score(column, op, value, valuePath);
            case TIMESTAMP -> timestamp(column, op, value, valuePath);
            case CUSTOM -> custom(column, op, value, valuePath);
        };
    }

    /**
     * A contact without the field does not match eq/in and does match ne/not_in, and {@code not}
     * inverts exactly (see {@link #twoValued}).
     */
    private String text(String column, String op, JsonNode value, String path, List<String> allowed) {
        switch (op) {
            case "in", "not_in" -> {
                String[] values = textList(value, path, allowed);
                if (values == null) {
                    return "false";
                }
                String any = column + " = any(" + sql.bind(values, "text[]") + ")";
                return op.equals("in") ? twoValued(any) : "not coalesce(" + any + ", false)";
            }
            default -> {
                String v = text(value, path, allowed);
                if (v == null) {
                    return "false";
                }
                String p = sql.bind(v, "text");
                return switch (op) {
                    case "eq" -> twoValued(column + " = " + p);
                    case "ne" -> "not coalesce(" + column + " = " + p + ", false)";
                    case "starts_with" -> twoValued("left(" + column + ", length(" + p + ")) = " + p);
                    default -> twoValued("strpos(" + column + ", " + p + ") > 0");
                };
            }
        }
    }

    private String text(JsonNode value, String path, List<String> allowed) {
        if (!value.isTextual()) {
            fail(path, "a string");
            return null;
        }
        String v = value.asText();
        if (v.length() > MAX_TEXT) {
            fail(path, "at most " + MAX_TEXT + " characters");
            return null;
        }
        if (!allowed.isEmpty() && !allowed.contains(v)) {
            fail(path, "'" + v + "' is not one of " + String.join(", ", allowed));
            return null;
        }
        return v;
    }

    private String[] textList(JsonNode value, String path, List<String> allowed) {
        if (!value.isArray() || value.isEmpty() || value.size() > MAX_LIST) {
            fail(path, "a list of 1 to " + MAX_LIST + " strings");
            return null;
        }
        String[] values = new String[value.size()];
        for (int i = 0; i < value.size(); i++) {
            values[i] = text(value.get(i), path + "[" + i + "]", allowed);
            if (values[i] == null) {
                return null;
            }
        }
        return values;
    }

    private String score(String column, String op, JsonNode value, String path) {
        switch (op) {
            case "between" -> {
                if (!value.isArray() || value.size() != 2) {
                    return fail(path, "[low, high], both scores from 1 to 5");
                }
                Integer low = scoreValue(value.get(0), path + "[0]");
                Integer high = scoreValue(value.get(1), path + "[1]");
                if (low == null || high == null) {
                    return "false";
                }
                if (low > high) {
                    return fail(path, "low must not exceed high");
                }
                return twoValued(column + " between " + sql.bind(low, "int4") + " and " + sql.bind(high, "int4"));
            }
            case "in", "not_in" -> {
                if (!value.isArray() || value.isEmpty() || value.size() > 5) {
                    return fail(path, "a list of scores from 1 to 5");
                }
                Integer[] scores = new Integer[value.size()];
                for (int i = 0; i < value.size(); i++) {
                    scores[i] = scoreValue(value.get(i), path + "[" + i + "]");
                    if (scores[i] == null) {
                        return "false";
                    }
                }
                String any = column + " = any(" + sql.bind(scores, "int4[]") + ")";
                return op.equals("in") ? twoValued(any) : "not coalesce(" + any + ", false)";
            }
            default -> {
                Integer v = scoreValue(value, path);
                if (v == null) {
                    return "false";
                }
                String p = sql.bind(v, "int4");
                return op.equals("ne") ? "not coalesce(" + column + " = " + p + ", false)" : twoValued(column + " " + comparison(op) + " " + p);
            }
        }
    }

    private Integer scoreValue(JsonNode value, String path) {
        if (value == null || !value.isInt() || value.asInt() < 1 || value.asInt() > 5) {
            fail(path, "a score from 1 to 5");
            return null;
        }
        return value.asInt();
    }

    private String timestamp(String column, String op, JsonNode value, String path) {
        if (op.equals("before") || op.equals("after")) {
            if (!value.isTextual()) {
                return fail(path, "an ISO-8601 instant such as 2026-01-31T16:00:00Z");
            }
            try {
                OffsetDateTime t = Instant.parse(value.asText()).atOffset(ZoneOffset.UTC);
                return twoValued(column + (op.equals("before") ? " < " : " > ") + sql.bind(t, "timestamptz"));
            } catch (DateTimeParseException e) {
                return fail(path, "an ISO-8601 instant such as 2026-01-31T16:00:00Z");
            }
        }
        Integer days = days(value, path);
        if (days == null) {
            return "false";
        }
        return switch (op) {
            case "within_last_days" -> twoValued(column + " >= " + sql.bind(now.minusDays(days), "timestamptz")
                    + " and " + column + " <= " + sql.bind(now, "timestamptz"));
            case "more_than_days_ago" -> twoValued(column + " < " + sql.bind(now.minusDays(days), "timestamptz"));
            case "within_next_days" -> twoValued(column + " > " + sql.bind(now, "timestamptz")
                    + " and " + column + " <= " + sql.bind(now.plusDays(days), "timestamptz"));
            default -> twoValued(column + " > " + sql.bind(now.plusDays(days), "timestamptz"));
        };
    }

    private Integer days(JsonNode value, String path) {
        if (value == null || !value.isInt() || value.asInt() < 1 || value.asInt() > MAX_DAYS) {
            fail(path, "a whole number of days from 1 to " + MAX_DAYS);
            return null;
        }
        return value.asInt();
    }

    private String custom(String column, String op, JsonNode value, String path) {
        String numeric = "(case when " + column + " ~ " + NUMBER + " then " + column + "::numeric end)";
        switch (op) {
            case "gt", "gte", "lt", "lte" -> {
                if (!value.isNumber()) {
                    return fail(path, "a number");
                }
                return twoValued(numeric + " " + comparison(op) + " " + sql.bind(value.decimalValue().toPlainString(), "text") + "::numeric");
            }
            case "between" -> {
                if (!value.isArray() || value.size() != 2 || !value.get(0).isNumber() || !value.get(1).isNumber()) {
                    return fail(path, "[low, high], two numbers");
                }
                BigDecimal low = value.get(0).decimalValue();
                BigDecimal high = value.get(1).decimalValue();
                if (low.compareTo(high) > 0) {
                    return fail(path, "low must not exceed high");
                }
                return twoValued(numeric + " between " + sql.bind(low.toPlainString(), "text") + "::numeric and "
                        + sql.bind(high.toPlainString(), "text") + "::numeric");
            }
            case "eq", "ne" -> {
                if (value.isNumber() || value.isBoolean()) {
                    String compared = value.isNumber() ? numeric : column;
                    String v = sql.bind(value.isNumber() ? value.decimalValue().toPlainString() : value.asText(), "text")
                            + (value.isNumber() ? "::numeric" : "");
                    return op.equals("eq") ? twoValued(compared + " = " + v) : "not coalesce(" + compared + " = " + v + ", false)";
                }
                return text(column, op, value, path, List.of());
            }
            default -> {
                return text(column, op, value, path, List.of());
            }
        }
    }

    private static String comparison(String op) {
        return switch (op) {
            case "eq", "ne" -> "=";
            case "gt" -> ">";
            case "gte" -> ">=";
            case "lt" -> "<";
            default -> "<=";
        };
    }

    // ----- events

    /**
     * Every count comparison is rewritten as "at least k matching events" or its negation, so the
     * positive form runs as one grouped scan of the event index (a semi-join), not a count per contact.
     */
    private String event(JsonNode node, String path) {
        allowOnly(node, path, "event", "op", "count", "withinDays");
        JsonNode type = node.get("event");
        boolean typeOk = type != null && type.isTextual() && EventService.TYPE.matcher(type.asText()).matches();
        if (!typeOk) {
            fail(path + ".event", "an event type in snake_case such as app_open or purchase");
        }
        String op = op(node, path, Vocabulary.EVENT_OPS, "events");
        Integer within = null;
        boolean withinOk = true;
        if (node.has("withinDays")) {
            within = days(node.get("withinDays"), path + ".withinDays");
            withinOk = within != null;
        }
        Integer count = null;
        boolean countOk = true;
        if (op != null) {
            JsonNode c = node.get("count");
            if (!op.equals("performed") && !op.equals("not_performed")) {
                if (c == null || !c.isInt() || c.asInt() < 0 || c.asInt() > 1_000_000) {
                    fail(path + ".count", "a whole number from 0 to 1000000");
                    countOk = false;
                } else {
                    count = c.asInt();
                }
            } else if (c != null) {
                fail(path + ".count", "'" + op + "' takes no count");
                countOk = false;
            }
        }
        if (!typeOk || op == null || !withinOk || !countOk) {
            return "false";
        }
        String t = type.asText();
        return switch (op) {
            case "performed" -> atLeast(t, within, 1);
            case "not_performed" -> notAtLeast(t, within, 1);
            case "gte" -> count <= 0 ? "true" : atLeast(t, within, count);
            case "gt" -> atLeast(t, within, count + 1);
            case "lt" -> count <= 0 ? "false" : notAtLeast(t, within, count);
            case "lte" -> notAtLeast(t, within, count + 1);
            case "eq" -> count == 0 ? notAtLeast(t, within, 1)
                    : "(" + atLeast(t, within, count) + " and " + notAtLeast(t, within, count + 1) + ")";
            default -> count == 0 ? atLeast(t, within, 1)
                    : "not (" + atLeast(t, within, count) + " and " + notAtLeast(t, within, count + 1) + ")";
        };
    }

    private String eventFilter(String type, Integer within) {
        return "e.type = " + sql.bind(type, "text")
                + (within == null ? "" : " and e.occurred_at >= " + sql.bind(now.minusDays(within), "timestamptz"));
    }

    private String atLeast(String type, Integer within, int k) {
        if (k == 1) {
            return "exists (select 1 from event e where e.contact_id = c.id and " + eventFilter(type, within) + ")";
        }
        return "c.id in (select e.contact_id from event e where " + eventFilter(type, within)
                + " group by e.contact_id having count(*) >= " + sql.bind(k, "int4") + ")";
    }

    private String notAtLeast(String type, Integer within, int k) {
        if (k == 1) {
            return "not exists (select 1 from event e where e.contact_id = c.id and " + eventFilter(type, within) + ")";
        }
        return "not exists (select 1 from event e where e.contact_id = c.id and " + eventFilter(type, within)
                + " having count(*) >= " + sql.bind(k, "int4") + ")";
    }

    // ----- consent and segments

    private String consent(JsonNode node, String path) {
        allowOnly(node, path, "consent", "topic", "op");
        JsonNode channel = node.get("consent");
        Channel ch = null;
        if (channel == null || !channel.isTextual()) {
            fail(path + ".consent", "a channel, one of " + Arrays.toString(Channel.values()));
        } else {
            try {
                ch = Channel.valueOf(channel.asText());
            } catch (IllegalArgumentException e) {
                fail(path + ".consent", "'" + channel.asText() + "' is not a channel; one of " + Arrays.toString(Channel.values()));
            }
        }
        JsonNode topic = node.get("topic");
        String t = "*";
        if (topic != null) {
            if (!topic.isTextual() || !TOPIC.matcher(topic.asText()).matches()) {
                fail(path + ".topic", "a topic is lower-case letters, digits, _ or -; * means the whole channel");
            } else {
                t = topic.asText();
            }
        }
        String op = op(node, path, Vocabulary.CONSENT_OPS, "consent");
        if (ch == null || op == null) {
            return "false";
        }
        String granted = "consent_granted(c.id, " + sql.bind(ch.name(), "text") + ", " + sql.bind(t, "text") + ")";
        return op.equals("granted") ? granted : "not " + granted;
    }

    private String segment(JsonNode node, String path) {
        allowOnly(node, path, "segment", "op");
        JsonNode key = node.get("segment");
        if (key == null || !key.isTextual() || !SEGMENT_KEY.matcher(key.asText()).matches()) {
            return fail(path + ".segment", "the key of a materialised segment");
        }
        String op = node.has("op") ? op(node, path, Vocabulary.SEGMENT_OPS, "segments") : "in";
        if (op == null) {
            return "false";
        }
        segmentRefs.put(path + ".segment", key.asText());
        String in = "c.id in (select m.contact_id from segment_member m join segment s on s.id = m.segment_id where s.key = "
                + sql.bind(key.asText(), "text") + ")";
        return op.equals("in") ? in : "not (" + in + ")";
    }
}
