package io.yunying.community.trend;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.problem.ProblemException;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A batch of the ingest endpoint read straight into the columns the database function takes (one entry per event
 * and topic), validated on the way. Reading tokens into arrays instead of binding a list of objects and validating
 * each one is what keeps decoding a 1,000-event batch cheaper than storing it. A bad batch is refused whole, with
 * the first 20 invalid fields named as {@code [i].field}.
 */
public final class SignalBatch {

    static final int MAX_TOPICS_PER_EVENT = 10;
    static final int MAX_ACTOR_LENGTH = 100;
    private static final int MAX_ERRORS = 20;
    private static final Double ONE = 1.0;

    private UUID[] ids;
    private String[] topics;
    private String[] actors;
    private Double[] weights;
    private OffsetDateTime[] ats;
    private int size;
    private int events;

    private SignalBatch(int capacity) {
        ids = new UUID[capacity];
        topics = new String[capacity];
        actors = new String[capacity];
        weights = new Double[capacity];
        ats = new OffsetDateTime[capacity];
    }

    /** Events in the batch (as sent, duplicates included). */
    public int events() {
        return events;
    }

    /** Topic signals: one per event and topic. */
    public int size() {
        return size;
    }

    UUID[] ids() {
        return ids;
    }

    String[] topics() {
        return topics;
    }

    String[] actors() {
        return actors;
    }

    Double[] weights() {
        return weights;
    }

    OffsetDateTime[] ats() {
        return ats;
    }

    /**
     * @param latest an {@code occurredAt} after this is refused (a producer's clock gone wrong)
     * @throws IOException when the body is not JSON (answered as a malformed body)
     */
    static SignalBatch read(JsonFactory json, byte[] body, int maxEvents, Instant latest) throws IOException {
        List<Problem.FieldError> errors = new ArrayList<>();
        SignalBatch batch = new SignalBatch(Math.max(16, Math.min(body.length / 100, maxEvents * 2)));
        try (JsonParser p = json.createParser(body)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw ProblemException.invalid("body", "a JSON array of 1 to " + maxEvents + " events");
            }
            JsonToken token;
            while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
                if (token == null) {
                    throw new JsonParseException(p, "unexpected end of input");
                }
                int index = batch.events++;
                if (index >= maxEvents) {
                    throw ProblemException.invalid("body", "at most " + maxEvents + " events per batch");
                }
                if (token != JsonToken.START_OBJECT) {
                    errors.add(new Problem.FieldError("[" + index + "]", "must be an event object", null));
                    p.skipChildren();
                } else {
                    batch.readEvent(p, index, latest, errors);
                }
                if (errors.size() >= MAX_ERRORS) {
                    break;
                }
            }
        }
        if (errors.isEmpty() && batch.events == 0) {
            errors.add(new Problem.FieldError("body", "must not be empty", null));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "validation", "Invalid request",
                    errors.size() + " field(s) are invalid; nothing of the batch was stored", errors, Map.of());
        }
        return batch;
    }

    private void readEvent(JsonParser p, int index, Instant latest, List<Problem.FieldError> errors) throws IOException {
        UUID id = null;
        String actor = null;
        OffsetDateTime at = null;
        int firstTopic = size;
        int topicCount = 0;
        boolean topicsSeen = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "id" -> id = uuid(p, value, index, errors);
                case "actor" -> actor = actor(p, value, index, errors);
                case "occurredAt" -> at = instant(p, value, index, latest, errors);
                case "topics" -> {
                    topicsSeen = true;
                    if (value != JsonToken.START_ARRAY) {
                        errors.add(new Problem.FieldError("[" + index + "].topics", "must be a list of 1 to " + MAX_TOPICS_PER_EVENT + " topics", null));
                        p.skipChildren();
                        break;
                    }
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        String topic = p.currentToken() == JsonToken.VALUE_STRING ? Topics.valid(p.getText()) : null;
                        if (topic == null) {
                            errors.add(new Problem.FieldError("[" + index + "].topics[" + topicCount + "]",
                                    "a topic is 1 to " + Topics.MAX_LENGTH + " characters without '#'", null));
                            p.skipChildren();
                        } else if (topicCount < MAX_TOPICS_PER_EVENT) {
                            add(topic);
                        }
                        topicCount++;
                    }
                    if (topicCount == 0 || topicCount > MAX_TOPICS_PER_EVENT) {
                        errors.add(new Problem.FieldError("[" + index + "].topics", "must be a list of 1 to " + MAX_TOPICS_PER_EVENT + " topics", null));
                    }
                }
                // fields of later versions of the event are skipped, as the object binding did
                default -> p.skipChildren();
            }
        }
        if (id == null && errors.stream().noneMatch(e -> e.field().equals("[" + index + "].id"))) {
            errors.add(new Problem.FieldError("[" + index + "].id", "must not be null", null));
        }
        if (actor == null && errors.stream().noneMatch(e -> e.field().equals("[" + index + "].actor"))) {
            errors.add(new Problem.FieldError("[" + index + "].actor", "must not be blank", null));
        }
        if (at == null && errors.stream().noneMatch(e -> e.field().equals("[" + index + "].occurredAt"))) {
            errors.add(new Problem.FieldError("[" + index + "].occurredAt", "must not be null", null));
        }
        if (!topicsSeen) {
            errors.add(new Problem.FieldError("[" + index + "].topics", "must be a list of 1 to " + MAX_TOPICS_PER_EVENT + " topics", null));
        }
        for (int i = firstTopic; i < size; i++) {
            ids[i] = id;
            actors[i] = actor;
            weights[i] = ONE;
            ats[i] = at;
        }
    }

    private void add(String topic) {
        if (size == topics.length) {
            int capacity = size * 2;
            ids = Arrays.copyOf(ids, capacity);
            topics = Arrays.copyOf(topics, capacity);
            actors = Arrays.copyOf(actors, capacity);
            weights = Arrays.copyOf(weights, capacity);
            ats = Arrays.copyOf(ats, capacity);
        }
        topics[size++] = topic;
    }

    /** The arrays trimmed to the signals read, as the database call takes them. */
    void trim() {
        if (size != topics.length) {
            ids = Arrays.copyOf(ids, size);
            topics = Arrays.copyOf(topics, size);
            actors = Arrays.copyOf(actors, size);
            weights = Arrays.copyOf(weights, size);
            ats = Arrays.copyOf(ats, size);
        }
    }

    private static UUID uuid(JsonParser p, JsonToken value, int index, List<Problem.FieldError> errors) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            try {
                String text = p.getText();
                if (text.length() == 36) {
                    return UUID.fromString(text);
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        p.skipChildren();
        errors.add(new Problem.FieldError("[" + index + "].id", "must be a UUID", null));
        return null;
    }

    private static String actor(JsonParser p, JsonToken value, int index, List<Problem.FieldError> errors) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            String actor = p.getText();
            if (!actor.isBlank() && actor.length() <= MAX_ACTOR_LENGTH) {
                return actor;
            }
        }
        p.skipChildren();
        errors.add(new Problem.FieldError("[" + index + "].actor", "must be 1 to " + MAX_ACTOR_LENGTH + " characters", null));
        return null;
    }

    private static OffsetDateTime instant(JsonParser p, JsonToken value, int index, Instant latest, List<Problem.FieldError> errors)
            throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            String text = p.getText();
            try {
                Instant at = Instant.parse(text);
                if (at.isAfter(latest)) {
                    errors.add(new Problem.FieldError("[" + index + "].occurredAt", "is in the future", text));
                    return null;
                }
                return at.atOffset(ZoneOffset.UTC);
            } catch (DateTimeException e) {
                // reported below
            }
        }
        p.skipChildren();
        errors.add(new Problem.FieldError("[" + index + "].occurredAt", "must be an ISO-8601 instant such as 2026-11-22T08:00:00Z", null));
        return null;
    }
}
