package io.yunying.push.event;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.yunying.platform.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

import static io.yunying.push.support.Times.odt;

@ApplicationScoped
public class EventService {

    private static final Logger LOG = Logger.getLogger(EventService.class);
    public static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    /** Device clocks run ahead; a little future is tolerated, more is a bug in the sender. */
    private static final Duration MAX_SKEW = Duration.ofMinutes(10);
    private static final int MAX_PROPERTIES_BYTES = 4096;

    private final EventRepository events;
    private final EventConfig config;
    private final Clock clock;

    public EventService(EventRepository events, EventConfig config, Clock clock) {
        this.events = events;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Ingests a batch. Valid events of known contacts are stored (repeated ids ignored); every refused
     * event is reported as {@code events[i].field}.
     *
     * @param onlyFor the app user's own external id when an app user sends, else null
     */
    public Uni<IngestResult> ingest(List<EventInput> batch, String onlyFor) {
        Instant now = clock.instant();
        List<Problem.FieldError> rejected = new ArrayList<>();
        List<Integer> valid = new ArrayList<>();
        List<String> externalIds = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            EventInput e = batch.get(i);
            String owner = onlyFor != null && e != null && e.externalId() == null ? onlyFor : e == null ? null : e.externalId();
            String error = e == null ? "null event" : check(e, owner, onlyFor, now);
            if (error != null) {
                String[] parts = error.split(":", 2);
                rejected.add(new Problem.FieldError("events[" + i + "]" + (parts[0].isEmpty() ? "" : "." + parts[0]), parts[1], null));
            } else {
                valid.add(i);
                externalIds.add(owner);
            }
        }
        if (valid.isEmpty()) {
            return Uni.createFrom().item(new IngestResult(0, 0, rejected));
        }
        return events.liveExternalIds(List.copyOf(new LinkedHashSet<>(externalIds))).flatMap(known -> {
            List<Integer> stored = new ArrayList<>();
            List<String> owners = new ArrayList<>();
            for (int k = 0; k < valid.size(); k++) {
                if (known.contains(externalIds.get(k))) {
                    stored.add(valid.get(k));
                    owners.add(externalIds.get(k));
                } else {
                    rejected.add(new Problem.FieldError("events[" + valid.get(k) + "].externalId", "no such contact", null));
                }
            }
            if (stored.isEmpty()) {
                return Uni.createFrom().item(new IngestResult(0, 0, sorted(rejected)));
            }
            int n = stored.size();
            String[] ids = new String[n];
            String[] types = new String[n];
            OffsetDateTime[] times = new OffsetDateTime[n];
            String[] amounts = new String[n];
            String[] properties = new String[n];
            for (int k = 0; k < n; k++) {
                EventInput e = batch.get(stored.get(k));
                ids[k] = e.eventId();
                types[k] = e.type();
                times[k] = odt(e.occurredAt());
                amounts[k] = e.amount() == null ? null : e.amount().toPlainString();
                properties[k] = e.properties() == null ? null : new JsonObject(e.properties()).encode();
            }
            return events.insert(ids, owners.toArray(String[]::new), types, times, amounts, properties, now)
                    .map(inserted -> new IngestResult(inserted, n - inserted, sorted(rejected)));
        });
    }

    /** Runs daily; contacts keep last_seen_at, so lifecycle stages do not depend on raw events being kept. */
    @Scheduled(cron = "{push.events.purge-cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledPurge() {
        return purge().replaceWithVoid();
    }

    public Uni<Long> purge() {
        Instant cutoff = clock.instant().minus(Duration.ofDays(config.retentionDays()));
        return events.purgeBefore(cutoff).invoke(n -> LOG.infof("purged %d events older than %s", n, cutoff));
    }

    private String check(EventInput e, String owner, String onlyFor, Instant now) {
        if (e.eventId() == null || !EVENT_ID.matcher(e.eventId()).matches()) {
            return "eventId:required, at most 128 letters, digits or . _ : -";
        }
        if (owner == null || owner.isBlank()) {
            return "externalId:required";
        }
        if (onlyFor != null && !onlyFor.equals(owner)) {
            return "externalId:an app user sends only its own events";
        }
        if (e.type() == null || !TYPE.matcher(e.type()).matches()) {
            return "type:required, snake_case such as app_open or purchase";
        }
        if (e.occurredAt() == null) {
            return "occurredAt:required";
        }
        if (e.occurredAt().isAfter(now.plus(MAX_SKEW))) {
            return "occurredAt:in the future";
        }
        if (e.occurredAt().isBefore(now.minus(Duration.ofDays(config.retentionDays())))) {
            return "occurredAt:older than the " + config.retentionDays() + " days events are kept";
        }
        if ("purchase".equals(e.type()) && e.amount() == null) {
            return "amount:required for a purchase";
        }
        if (e.amount() != null && (e.amount().signum() < 0 || e.amount().scale() > 2
                || e.amount().compareTo(new BigDecimal("999999999999")) > 0)) {
            return "amount:a non-negative amount with at most 2 decimals";
        }
        if (e.properties() != null && new JsonObject(e.properties()).encode().length() > MAX_PROPERTIES_BYTES) {
            return "properties:at most " + MAX_PROPERTIES_BYTES + " characters of JSON";
        }
        return null;
    }

    private static List<Problem.FieldError> sorted(List<Problem.FieldError> errors) {
        errors.sort((a, b) -> Integer.compare(index(a.field()), index(b.field())));
        return errors;
    }

    private static int index(String field) {
        return Integer.parseInt(field.substring("events[".length(), field.indexOf(']')));
    }
}
