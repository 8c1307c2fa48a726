package io.yunying.push.journey;

import io.yunying.push.support.KeyCursor;
import io.yunying.platform.http.Versions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.problem.ProblemException;
import io.yunying.push.segment.SegmentRepository;
import io.yunying.push.support.Cursor;
import io.yunying.push.support.Page;
import io.yunying.push.support.PgErrors;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

@ApplicationScoped
public class JourneyService {

    static final String KEY = "[a-z0-9][a-z0-9_-]{0,63}";

    private final JourneyRepository journeys;
    private final SegmentRepository segments;
    private final ObjectMapper json;
    private final Clock clock;

    public JourneyService(JourneyRepository journeys, SegmentRepository segments, ObjectMapper json, Clock clock) {
        this.journeys = journeys;
        this.segments = segments;
        this.json = json;
        this.clock = clock;
    }

    public Uni<JourneyView> create(JourneyRequest request) {
        return check(request, Map.of())
                .flatMap(steps -> journeys.insert(UUID.randomUUID(), request, steps, clock.instant()))
                .onFailure(PgErrors::isUniqueViolation).transform(e -> ProblemException.conflict("journey-exists",
                        "Journey key taken", "a journey with key " + request.key() + " exists", Map.of("key", request.key())));
    }

    /** A journey by its id, or by its key. */
    public Uni<JourneyView> get(String ref) {
        UUID id = uuid(ref);
        return (id != null ? journeys.find(id) : journeys.findByKey(ref))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("journey", ref));
    }

    public Uni<Page<JourneyView>> list(String status, String cursor, Integer limit) {
        String after = KeyCursor.decode(cursor);
        int size = Cursor.limit(limit);
        String dbStatus = status == null ? null : status(status, "status").name();
        return journeys.page(dbStatus, after, size + 1).map(rows -> rows.size() <= size ? new Page<>(rows, null)
                : new Page<>(rows.subList(0, size), KeyCursor.encode(rows.get(size - 1).key())));
    }

    /**
     * Replaces a journey. A draft changes freely; once activated only its name, description, goal and
     * exits change, because entries are on their way through the flow (archive it and start a new one).
     */
    public Uni<JourneyView> update(String ref, String ifMatch, JourneyRequest request) {
        Long expected = Versions.ifMatch(ifMatch);
        return get(ref).flatMap(current -> {
            if (!current.key().equals(request.key())) {
                return Uni.createFrom().failure(ProblemException.invalid("key", "the key cannot be changed"));
            }
            JourneyStatus status = JourneyStatus.valueOf(current.status().toUpperCase(Locale.ROOT));
            if (status == JourneyStatus.ARCHIVED) {
                return Uni.createFrom().failure(ProblemException.conflict("journey-archived", "Journey archived",
                        "journey " + current.key() + " is archived and cannot change", Map.of()));
            }
            return check(request, journeys.stepIds(current)).flatMap(steps -> {
                if (status != JourneyStatus.DRAFT && !sameFlow(current, request, steps)) {
                    return Uni.createFrom().failure(ProblemException.conflict("journey-live", "Journey flow is fixed",
                            "journey " + current.key() + " is " + current.status()
                                    + "; its trigger, audience, re-entry and steps change only while it is a draft", Map.of()));
                }
                return journeys.update(current.id(), expected, request, steps, clock.instant())
                        .flatMap(n -> n == 0 ? Uni.createFrom().<JourneyView>failure(ProblemException.preconditionFailed(
                                "journey " + current.key() + " is at version " + current.version() + ", not " + expected))
                                : journeys.find(current.id()));
            });
        });
    }

    /** Moves a journey to another status; an illegal move is 409, a stale If-Match 412. */
    public Uni<JourneyView> transition(String ref, String ifMatch, JourneyStatus to) {
        Long expected = Versions.ifMatch(ifMatch);
        return get(ref).flatMap(current -> {
            JourneyStatus from = JourneyStatus.valueOf(current.status().toUpperCase(Locale.ROOT));
            if (!from.canBecome(to)) {
                return Uni.createFrom().failure(ProblemException.conflict("journey-state", "Illegal status change",
                        "a " + from.label() + " journey cannot become " + to.label(), Map.of("status", from.label())));
            }
            Uni<Void> ready = to == JourneyStatus.ACTIVE ? recheck(current) : Uni.createFrom().voidItem();
            return ready.flatMap(x -> journeys.transition(current.id(), expected, from, to, clock.instant()))
                    .flatMap(n -> n == 0 ? Uni.createFrom().<JourneyView>failure(ProblemException.preconditionFailed(
                            "journey " + current.key() + " changed meanwhile; it is no longer at version " + (expected == null ? current.version() : expected)))
                            : journeys.find(current.id()));
        });
    }

    public Uni<Void> delete(String ref) {
        return get(ref).flatMap(current -> journeys.deleteDraft(current.id()).flatMap(n -> n == 0
                ? Uni.createFrom().failure(ProblemException.conflict("journey-state", "Only drafts are deleted",
                        "journey " + current.key() + " is " + current.status() + "; archive it instead", Map.of("status", current.status())))
                : Uni.createFrom().voidItem()));
    }

    public Uni<Page<EntryView>> entries(String ref, String state, String cursor, Integer limit) {
        long after = Cursor.decode(cursor);
        int size = Cursor.limit(limit);
        String dbState = state == null ? null : switch (state) {
            case "active", "completed", "exited" -> state.toUpperCase(Locale.ROOT);
            default -> throw ProblemException.invalid("state", "one of active, completed, exited");
        };
        return get(ref).flatMap(j -> journeys.entries(j.id(), dbState, after, size + 1))
                .map(rows -> rows.size() <= size ? new Page<>(rows, null)
                        : new Page<>(rows.subList(0, size), Cursor.encode(rows.get(size - 1).id())));
    }

    /** Checks the request as a whole, the database parts too, and returns the steps to store. */
    private Uni<ArrayNode> check(JourneyRequest request, Map<String, UUID> stepIds) {
        DefinitionParser.Parsed parsed = DefinitionParser.parse(request, json, stepIds, clock.instant());
        return references(parsed.definition(), parsed.templates(), parsed.segments(), request.audienceSegment())
                .map(errors -> {
                    if (!errors.isEmpty()) {
                        throw DefinitionParser.invalid(errors);
                    }
                    return parsed.storedSteps();
                });
    }

    /** Templates and segments may have gone since the journey was saved; activation checks them again. */
    private Uni<Void> recheck(JourneyView current) {
        Definition definition = DefinitionParser.read(current.trigger(), current.steps(), current.exits(), json);
        List<String> templates = definition.steps().stream().filter(s -> s instanceof Definition.Send)
                .map(s -> ((Definition.Send) s).template()).distinct().toList();
        List<String> segmentKeys = new ArrayList<>();
        if (current.audienceSegment() != null) {
            segmentKeys.add(current.audienceSegment());
        }
        return references(definition, templates, segmentKeys, current.audienceSegment()).map(errors -> {
            if (!errors.isEmpty()) {
                throw DefinitionParser.invalid(errors);
            }
            return null;
        });
    }

    private Uni<List<Problem.FieldError>> references(Definition definition, Collection<String> templates,
                                                     Collection<String> segmentKeys, String audience) {
        return journeys.templateChannels(List.copyOf(templates))
                .flatMap(channels -> segments.materialisedFlags(List.copyOf(segmentKeys)).map(flags -> {
                    List<Problem.FieldError> errors = new ArrayList<>();
                    for (int i = 0; i < definition.steps().size(); i++) {
                        if (definition.steps().get(i) instanceof Definition.Send send) {
                            String channel = channels.get(send.template());
                            if (channel == null) {
                                errors.add(new Problem.FieldError("steps[" + i + "].template", "no template with key " + send.template(), null));
                            } else if (send.channel() != null && !send.channel().equals(channel)) {
                                errors.add(new Problem.FieldError("steps[" + i + "].channel", "template " + send.template() + " is for " + channel, null));
                            }
                        }
                    }
                    for (String key : segmentKeys) {
                        boolean isAudience = key.equals(audience);
                        if (!flags.containsKey(key)) {
                            errors.add(new Problem.FieldError(isAudience ? "audienceSegment" : "steps", "no segment with key " + key, null));
                        } else if (!isAudience && !flags.get(key)) {
                            errors.add(new Problem.FieldError("steps", "segment " + key + " is not materialised; only materialised segments can be referenced", null));
                        }
                    }
                    return errors;
                }));
    }

    private boolean sameFlow(JourneyView current, JourneyRequest request, ArrayNode steps) {
        return Objects.equals(current.trigger(), request.trigger())
                && Objects.equals(current.audienceSegment(), request.audienceSegment())
                && Objects.equals(current.reEntryAfterDays(), request.reEntryAfterDays())
                && withoutIds(current.steps()).equals(withoutIds(steps));
    }

    private JsonNode withoutIds(JsonNode steps) {
        ArrayNode copy = json.createArrayNode();
        steps.forEach(s -> copy.add(((ObjectNode) s.deepCopy()).without("id")));
        return copy;
    }

    static JourneyStatus status(String label, String field) {
        return switch (label) {
            case "draft" -> JourneyStatus.DRAFT;
            case "active" -> JourneyStatus.ACTIVE;
            case "paused" -> JourneyStatus.PAUSED;
            case "archived" -> JourneyStatus.ARCHIVED;
            default -> throw ProblemException.invalid(field, "one of draft, active, paused, archived");
        };
    }

    private static UUID uuid(String ref) {
        try {
            return ref.length() == 36 ? UUID.fromString(ref) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

}
