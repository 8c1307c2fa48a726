package io.yunying.push.journey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.problem.ProblemException;
import io.yunying.push.contact.Channel;
import io.yunying.push.lifecycle.Stage;
import io.yunying.push.segment.RuleSql;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Checks a journey's trigger, steps and exits and types them. Every error names its place
 * ({@code steps[2].next}); all of them are reported at once. What needs the database (templates and
 * segments exist) is left to the service, which gets the keys from {@link Parsed}.
 */
final class DefinitionParser {

    static final int MAX_STEPS = 50;
    private static final Pattern KEY = Pattern.compile(JourneyService.KEY);
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Pattern FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}(\\.[A-Za-z][A-Za-z0-9_]{0,63}){0,3}");
    private static final List<String> STAGES = Arrays.stream(Stage.values()).map(Stage::label).toList();
    private static final List<String> CHANNELS = Arrays.stream(Channel.values()).map(Enum::name).toList();
    private static final Duration MIN_WAIT = Duration.ofMinutes(1);
    private static final Duration MAX_WAIT = Duration.ofDays(365);

    private final ObjectMapper json;
    private final Map<String, UUID> existingIds;
    private final Instant now;
    private final List<Problem.FieldError> errors = new ArrayList<>();
    private final Set<String> templates = new LinkedHashSet<>();
    private final Set<String> segments = new LinkedHashSet<>();

    private DefinitionParser(ObjectMapper json, Map<String, UUID> existingIds, Instant now) {
        this.json = json;
        this.existingIds = existingIds;
        this.now = now;
    }

    /** The typed flow, the steps as stored (each with its id), and the template and segment keys to check. */
    record Parsed(Definition definition, ArrayNode storedSteps, Set<String> templates, Set<String> segments) {
    }

    /**
     * @param existingIds step ids by key of the saved version, so an edited step keeps its id (and its deliveries)
     */
    static Parsed parse(JourneyRequest request, ObjectMapper json, Map<String, UUID> existingIds, Instant now) {
        DefinitionParser parser = new DefinitionParser(json, existingIds, now);
        Definition.Trigger trigger = parser.trigger(request.trigger());
        if (trigger instanceof Definition.ContentTrigger && request.audienceSegment() == null) {
            parser.fail("audienceSegment", "required for a content_published trigger: who receives the newsletter");
        }
        if (request.audienceSegment() != null) {
            parser.segments.add(request.audienceSegment());
        }
        ArrayNode stored = json.createArrayNode();
        List<Definition.Step> steps = parser.steps(request.steps(), stored);
        List<Definition.Exit> exits = parser.exits(request.exits());
        if (!parser.errors.isEmpty()) {
            throw invalid(parser.errors);
        }
        return new Parsed(new Definition(trigger, steps, exits), stored, parser.templates, parser.segments);
    }

    static ProblemException invalid(List<Problem.FieldError> errors) {
        return new ProblemException(400, "invalid-journey", "Invalid journey",
                errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message() : errors.size() + " parts of the journey are invalid",
                errors, Map.of());
    }

    /** Reads a saved (already valid) flow back. */
    static Definition read(JsonNode trigger, JsonNode steps, JsonNode exits, ObjectMapper json) {
        Map<String, UUID> ids = new HashMap<>();
        steps.forEach(s -> ids.put(s.get("key").asText(), UUID.fromString(s.get("id").asText())));
        DefinitionParser parser = new DefinitionParser(json, ids, Instant.EPOCH);
        Definition.Trigger t = parser.trigger(trigger);
        List<Definition.Step> list = parser.steps(steps, json.createArrayNode());
        List<Definition.Exit> exitList = parser.exits(exits);
        if (!parser.errors.isEmpty()) {
            throw new IllegalStateException("stored journey no longer valid: " + parser.errors);
        }
        return new Definition(t, list, exitList);
    }

    private void fail(String path, String message) {
        errors.add(new Problem.FieldError(path, message, null));
    }

    private void allowOnly(JsonNode node, String path, String... members) {
        List<String> allowed = Arrays.asList(members);
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                fail(path + "." + name, "unknown member; this takes " + String.join(", ", allowed));
            }
        }
    }

    private String text(JsonNode node, String member) {
        JsonNode value = node.get(member);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    /** A list of strings from the given vocabulary (or matching the pattern); null when absent. */
    private List<String> strings(JsonNode node, String path, boolean required, List<String> vocabulary, Pattern pattern, String what) {
        if (node == null || node.isNull()) {
            if (required) {
                fail(path, "required: a non-empty list of " + what);
            }
            return null;
        }
        if (!node.isArray() || node.isEmpty() || node.size() > 100) {
            fail(path, "a non-empty list of at most 100 " + what);
            return null;
        }
        List<String> list = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String value = item.isTextual() ? item.asText() : null;
            boolean ok = value != null && (vocabulary != null ? vocabulary.contains(value) : pattern.matcher(value).matches());
            if (!ok) {
                fail(path + "[" + i + "]", vocabulary != null ? "one of " + String.join(", ", vocabulary) : "not a valid " + what);
            } else if (!list.contains(value)) {
                list.add(value);
            }
        }
        return list;
    }

    // ----- trigger

    private Definition.Trigger trigger(JsonNode node) {
        if (node == null || !node.isObject()) {
            fail("trigger", "an object with a type");
            return null;
        }
        String type = text(node, "type");
        if (type == null) {
            fail("trigger.type", "required: event, stage_changed, membership_expiring or content_published");
            return null;
        }
        return switch (type) {
            case "event" -> {
                allowOnly(node, "trigger", "type", "event", "properties");
                String event = text(node, "event");
                if (event == null || !TYPE.matcher(event).matches()) {
                    fail("trigger.event", "an event type in snake_case such as signup or purchase");
                }
                JsonNode properties = node.get("properties");
                if (properties != null && !properties.isNull() && !properties.isObject()) {
                    fail("trigger.properties", "an object of property values the event must carry");
                }
                yield new Definition.EventTrigger(event, properties == null || properties.isNull() ? json.createObjectNode() : properties);
            }
            case "stage_changed" -> {
                allowOnly(node, "trigger", "type", "to", "from");
                List<String> to = strings(node.get("to"), "trigger.to", true, STAGES, null, "stages");
                List<String> from = strings(node.get("from"), "trigger.from", false, STAGES, null, "stages");
                yield new Definition.StageTrigger(to, from);
            }
            case "membership_expiring" -> {
                allowOnly(node, "trigger", "type", "daysBefore");
                JsonNode days = node.get("daysBefore");
                List<Integer> buckets = new ArrayList<>();
                if (days == null || !days.isArray() || days.isEmpty() || days.size() > 10) {
                    fail("trigger.daysBefore", "a non-empty list of at most 10 day counts, such as [7, 3, 1]");
                } else {
                    for (int i = 0; i < days.size(); i++) {
                        JsonNode d = days.get(i);
                        if (!d.isInt() || d.asInt() < 0 || d.asInt() > 365) {
                            fail("trigger.daysBefore[" + i + "]", "a whole number of days from 0 to 365");
                        } else if (buckets.contains(d.asInt())) {
                            fail("trigger.daysBefore[" + i + "]", "listed twice");
                        } else {
                            buckets.add(d.asInt());
                        }
                    }
                }
                buckets.sort(null);
                yield new Definition.ExpiryTrigger(buckets);
            }
            case "content_published" -> {
                allowOnly(node, "trigger", "type", "categories", "tags");
                Pattern label = Pattern.compile("\\S.{0,99}");
                yield new Definition.ContentTrigger(strings(node.get("categories"), "trigger.categories", false, null, label, "categories"),
                        strings(node.get("tags"), "trigger.tags", false, null, label, "tags"));
            }
            default -> {
                fail("trigger.type", "unknown trigger '" + type + "'; one of event, stage_changed, membership_expiring, content_published");
                yield null;
            }
        };
    }

    // ----- steps

    private List<Definition.Step> steps(JsonNode node, ArrayNode stored) {
        if (node == null || !node.isArray() || node.isEmpty() || node.size() > MAX_STEPS) {
            fail("steps", "a non-empty list of at most " + MAX_STEPS + " steps");
            return List.of();
        }
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode step = node.get(i);
            String key = step.isObject() ? text(step, "key") : null;
            if (key != null && KEY.matcher(key).matches() && positions.putIfAbsent(key, i) != null) {
                fail("steps[" + i + "].key", "step key " + key + " is used twice");
            }
        }
        List<Definition.Step> steps = new ArrayList<>();
        Set<UUID> usedIds = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "steps[" + i + "]";
            JsonNode step = node.get(i);
            if (!step.isObject()) {
                fail(path, "a step is a JSON object");
                continue;
            }
            String key = text(step, "key");
            if (key == null || !KEY.matcher(key).matches()) {
                fail(path + ".key", "required: lower-case letters, digits, _ or -, at most 64");
                continue;
            }
            UUID id = existingIds.getOrDefault(key, UUID.randomUUID());
            if (!usedIds.add(id)) {
                id = UUID.randomUUID();
            }
            String type = text(step, "type");
            Definition.Step parsed = switch (type == null ? "" : type) {
                case "send" -> send(step, path, id, key, i, positions);
                case "wait" -> wait(step, path, id, key, i, positions);
                case "condition" -> condition(step, path, id, key, i, positions);
                default -> {
                    fail(path + ".type", "one of send, wait, condition");
                    yield null;
                }
            };
            if (parsed != null) {
                steps.add(parsed);
                ObjectNode copy = ((ObjectNode) step.deepCopy()).put("id", id.toString());
                stored.add(copy);
            }
        }
        return steps;
    }

    /** A next step must come later in the list; absent means the entry completes. */
    private String target(JsonNode step, String member, String path, int index, Map<String, Integer> positions) {
        JsonNode value = step.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || !positions.containsKey(value.asText())) {
            fail(path + "." + member, "the key of a step of this journey");
            return null;
        }
        if (positions.get(value.asText()) <= index) {
            fail(path + "." + member, "steps lead forward only: " + value.asText() + " must come after this step");
            return null;
        }
        return value.asText();
    }

    private Definition.Step send(JsonNode step, String path, UUID id, String key, int index, Map<String, Integer> positions) {
        allowOnly(step, path, "id", "key", "type", "template", "channel", "fallback", "next");
        String template = text(step, "template");
        if (template == null || !KEY.matcher(template).matches()) {
            fail(path + ".template", "required: the key of a template");
        } else {
            templates.add(template);
        }
        String channel = text(step, "channel");
        if (step.has("channel") && (channel == null || !CHANNELS.contains(channel))) {
            fail(path + ".channel", "one of " + String.join(", ", CHANNELS));
            channel = null;
        }
        List<String> fallback = strings(step.get("fallback"), path + ".fallback", false, CHANNELS, null, "channels");
        if (fallback != null && channel != null && fallback.contains(channel)) {
            fail(path + ".fallback", "the fallback channels are tried after " + channel + ", so they cannot include it");
        }
        return new Definition.Send(id, key, template, channel, fallback == null ? List.of() : fallback,
                target(step, "next", path, index, positions));
    }

    private Definition.Step wait(JsonNode step, String path, UUID id, String key, int index, Map<String, Integer> positions) {
        allowOnly(step, path, "id", "key", "type", "delay", "next");
        String delay = text(step, "delay");
        Duration duration = null;
        try {
            duration = delay == null ? null : Duration.parse(delay);
        } catch (DateTimeParseException e) {
            duration = null;
        }
        if (duration == null || duration.compareTo(MIN_WAIT) < 0 || duration.compareTo(MAX_WAIT) > 0) {
            fail(path + ".delay", "an ISO-8601 duration from PT1M to P365D, such as PT2H or P3D");
        }
        return new Definition.Wait(id, key, duration, target(step, "next", path, index, positions));
    }

    private Definition.Step condition(JsonNode step, String path, UUID id, String key, int index, Map<String, Integer> positions) {
        allowOnly(step, path, "id", "key", "type", "rule", "performed", "context", "yes", "no");
        int tests = (step.has("rule") ? 1 : 0) + (step.has("performed") ? 1 : 0) + (step.has("context") ? 1 : 0);
        if (tests != 1) {
            fail(path, "a condition has exactly one of rule, performed, context");
        }
        JsonNode rule = step.get("rule");
        if (rule != null) {
            try {
                segments.addAll(RuleSql.compile(rule, 0, now).segments());
            } catch (ProblemException e) {
                e.errors().forEach(err -> fail(path + "." + err.field(), err.message()));
            }
        }
        String performed = null;
        if (step.has("performed")) {
            performed = text(step, "performed");
            if (performed == null || !TYPE.matcher(performed).matches()) {
                fail(path + ".performed", "an event type in snake_case; true when the contact performed it since entering");
            }
        }
        List<String> contextPath = null;
        List<String> contextValues = null;
        JsonNode context = step.get("context");
        if (context != null) {
            if (!context.isObject()) {
                fail(path + ".context", "{\"field\": \"daysBefore\", \"in\": [7]}");
            } else {
                allowOnly(context, path + ".context", "field", "in");
                String field = text(context, "field");
                if (field == null || !FIELD.matcher(field).matches()) {
                    fail(path + ".context.field", "a field of what triggered the entry, such as daysBefore, category or to");
                } else {
                    contextPath = List.of(field.split("\\."));
                }
                JsonNode values = context.get("in");
                if (values == null || !values.isArray() || values.isEmpty() || values.size() > 100) {
                    fail(path + ".context.in", "a non-empty list of at most 100 values");
                } else {
                    contextValues = new ArrayList<>();
                    for (JsonNode v : values) {
                        contextValues.add(v.isValueNode() ? v.asText() : v.toString());
                    }
                }
            }
        }
        String yes = target(step, "yes", path, index, positions);
        String no = target(step, "no", path, index, positions);
        return new Definition.Condition(id, key, rule, performed, contextPath, contextValues, yes, no);
    }

    // ----- exits

    private List<Definition.Exit> exits(JsonNode node) {
        List<Definition.Exit> exits = new ArrayList<>();
        if (node == null || node.isNull()) {
            return exits;
        }
        if (!node.isArray() || node.size() > 20) {
            fail("exits", "a list of at most 20 exit rules");
            return exits;
        }
        for (int i = 0; i < node.size(); i++) {
            String path = "exits[" + i + "]";
            JsonNode exit = node.get(i);
            if (!exit.isObject() || exit.size() != 1 || !(exit.has("event") || exit.has("stage"))) {
                fail(path, "one of {\"event\": \"purchase\"} or {\"stage\": [\"active\"]}");
                continue;
            }
            if (exit.has("event")) {
                String event = text(exit, "event");
                if (event == null || !TYPE.matcher(event).matches()) {
                    fail(path + ".event", "an event type in snake_case");
                } else {
                    exits.add(new Definition.Exit(event, null));
                }
            } else {
                List<String> stages = strings(exit.get("stage"), path + ".stage", true, STAGES, null, "stages");
                if (stages != null) {
                    exits.add(new Definition.Exit(null, stages));
                }
            }
        }
        return exits;
    }
}
