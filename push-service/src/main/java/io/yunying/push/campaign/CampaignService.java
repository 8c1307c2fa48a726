package io.yunying.push.campaign;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.problem.ProblemException;
import io.yunying.push.contact.Channel;
import io.yunying.push.segment.SegmentService;
import io.yunying.push.support.KeyCursor;
import io.yunying.push.support.Page;
import io.yunying.push.support.PgErrors;
import io.yunying.platform.http.Versions;
import io.yunying.push.template.TemplateRepository;
import io.yunying.push.template.TemplateView;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class CampaignService {

    private static final Logger LOG = Logger.getLogger(CampaignService.class);
    /** The earliest zone on Earth: a local-time run fans out when its wall-clock time arrives there. */
    private static final ZoneOffset EARLIEST = ZoneOffset.ofHours(14);
    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));
    /** Parameters the fan-out statement binds before the audience's own. */
    private static final int FAN_OUT_PARAMS = 15;

    private final CampaignRepository campaigns;
    private final TemplateRepository templates;
    private final SegmentService segments;
    private final CampaignConfig config;
    private final Clock clock;

    public CampaignService(CampaignRepository campaigns, TemplateRepository templates, SegmentService segments,
                           CampaignConfig config, Clock clock) {
        this.campaigns = campaigns;
        this.templates = templates;
        this.segments = segments;
        this.config = config;
        this.clock = clock;
    }

    public Uni<CampaignView> create(CampaignRequest request) {
        return validate(request).flatMap(ok -> campaigns.insert(request, clock.instant()))
                .onFailure(PgErrors::isUniqueViolation).transform(e -> ProblemException.conflict("campaign-exists",
                        "Campaign key taken", "a campaign with key " + request.key() + " exists", Map.of("key", request.key())));
    }

    public Uni<CampaignView> get(String key) {
        return find(key).flatMap(c -> campaigns.counts(c.id()).map(c::withCounts));
    }

    private Uni<CampaignView> find(String key) {
        return campaigns.find(key).onItem().ifNull().failWith(() -> ProblemException.notFound("campaign", key));
    }

    public Uni<Page<CampaignView>> list(String cursor, Integer limit) {
        String after = KeyCursor.decode(cursor);
        int size = io.yunying.push.support.Cursor.limit(limit);
        return campaigns.page(after, size + 1).map(rows -> rows.size() <= size ? new Page<>(rows, null)
                : new Page<>(rows.subList(0, size), KeyCursor.encode(rows.get(size - 1).key())));
    }

    public Uni<CampaignView> update(String key, String ifMatch, CampaignRequest request) {
        if (!key.equals(request.key())) {
            throw ProblemException.invalid("key", "the key cannot be changed");
        }
        Long expected = Versions.ifMatch(ifMatch);
        return find(key).flatMap(current -> {
            if (!current.status().editable()) {
                return Uni.createFrom().failure(illegal(current, "edit"));
            }
            return validate(request).flatMap(ok -> campaigns.update(key, expected, request, clock.instant()))
                    .flatMap(n -> n == 0 ? Uni.createFrom().<CampaignView>failure(ProblemException.preconditionFailed(
                            "campaign " + key + " is at version " + current.version() + ", not " + expected)) : find(key))
                    .call(updated -> updated.status() == CampaignStatus.SCHEDULED
                            ? campaigns.reschedule(updated.id(), firstRun(updated, clock.instant())) : Uni.createFrom().voidItem())
                    .flatMap(updated -> get(key));
        });
    }

    /** DRAFT → SCHEDULED; a run already due (send now, a past instant) fans out before the answer. */
    public Uni<CampaignView> launch(String key, String ifMatch) {
        Long expected = Versions.ifMatch(ifMatch);
        Instant now = clock.instant();
        return find(key).flatMap(c -> campaigns.transition(campaigns.pool(), key, List.of(CampaignStatus.DRAFT), CampaignStatus.SCHEDULED,
                        expected, firstRun(c, now), now)
                .flatMap(changed -> changed == null ? refused(key, expected, "launch") : Uni.createFrom().item(changed)))
                .flatMap(c -> !c.nextRunAt().isAfter(now) ? run(c, c.nextRunAt()).replaceWith(c) : Uni.createFrom().item(c))
                .flatMap(c -> get(key));
    }

    /** Holds the campaign's unsent deliveries (keeping their due times) and stops further runs. */
    public Uni<CampaignView> pause(String key, String ifMatch) {
        Long expected = Versions.ifMatch(ifMatch);
        Instant now = clock.instant();
        return campaigns.pool().withTransaction(tx -> campaigns.transition(tx, key, List.of(CampaignStatus.SCHEDULED, CampaignStatus.RUNNING),
                        CampaignStatus.PAUSED, expected, null, now)
                .flatMap(c -> c == null ? Uni.createFrom().<CampaignView>nullItem() : campaigns.hold(tx, c.id(), true).replaceWith(c)))
                .flatMap(c -> c == null ? refused(key, expected, "pause") : get(key));
    }

    /**
     * Releases the held deliveries: those whose time has come go out at once, later ones at their
     * time. A recurring campaign skips the runs it missed while paused.
     */
    public Uni<CampaignView> resume(String key, String ifMatch) {
        Long expected = Versions.ifMatch(ifMatch);
        Instant now = clock.instant();
        return find(key).flatMap(current -> {
            Instant next = current.schedule().kind() == Schedule.Kind.CRON ? nextFire(current.schedule(), now) : null;
            return campaigns.pool().withTransaction(tx -> campaigns.resume(tx, key, expected, next, now)
                    .flatMap(c -> c == null ? Uni.createFrom().<CampaignView>nullItem() : campaigns.hold(tx, c.id(), false).replaceWith(c)));
        }).flatMap(c -> c == null ? refused(key, expected, "resume") : get(key));
    }

    /** Stops the campaign for good: deliveries not yet sent become CANCELLED. */
    public Uni<CampaignView> cancel(String key, String ifMatch) {
        Long expected = Versions.ifMatch(ifMatch);
        Instant now = clock.instant();
        return campaigns.pool().withTransaction(tx -> campaigns.transition(tx, key,
                        List.of(CampaignStatus.DRAFT, CampaignStatus.SCHEDULED, CampaignStatus.RUNNING, CampaignStatus.PAUSED),
                        CampaignStatus.CANCELLED, expected, null, now)
                .flatMap(c -> c == null ? Uni.createFrom().<CampaignView>nullItem() : campaigns.cancelDeliveries(tx, c.id()).replaceWith(c)))
                .flatMap(c -> c == null ? refused(key, expected, "cancel") : get(key));
    }

    /** Sends every variant to each seed contact now, as TEST deliveries outside the campaign's counts. */
    public Uni<Long> testSend(String key, TestSendRequest request) {
        return find(key).flatMap(c -> campaigns.unknownContacts(request.externalIds()).flatMap(missing -> {
            if (!missing.isEmpty()) {
                return Uni.createFrom().failure(ProblemException.invalid("externalIds", "no such contacts: " + String.join(", ", missing)));
            }
            return templateIds(c.variants()).flatMap(ids -> {
                List<VariantRequest> variants = c.variants();
                String[] keys = variants.stream().map(VariantRequest::key).toArray(String[]::new);
                UUID[] main = variants.stream().map(v -> ids.get(v.templates().get(c.channels().get(0)))).toArray(UUID[]::new);
                String[] fallbackTemplates = variants.stream().map(v -> fallbackTemplates(c, v, ids)).toArray(String[]::new);
                String[] fallback = c.channels().stream().skip(1).map(Channel::name).toArray(String[]::new);
                return campaigns.testSend(c.id(), request.externalIds(), "test-" + UUID.randomUUID(), c.channels().get(0).name(),
                        fallback, keys, main, fallbackTemplates, clock.instant());
            });
        }));
    }

    @Scheduled(every = "{push.campaigns.tick}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledRuns() {
        return runDue().replaceWithVoid();
    }

    /** Fans out every campaign run that is due; each run once, whichever replica gets there. */
    public Uni<List<RunResult>> runDue() {
        Instant now = clock.instant();
        return campaigns.due(now, 50)
                .onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                .onItem().transformToUniAndConcatenate(c -> run(c, c.nextRunAt())
                        .onFailure().recoverWithItem(e -> {
                            LOG.warnf("campaign %s run at %s not fanned out: %s", c.key(), c.nextRunAt(), e.getMessage());
                            return null;
                        }))
                .filter(r -> r != null)
                .collect().asList()
                .call(runs -> campaigns.complete(clock.instant()));
    }

    /** One run: fan-out and the move to the next run in one transaction holding the campaign row. */
    private Uni<RunResult> run(CampaignView c, Instant runAt) {
        Instant now = clock.instant();
        Schedule s = c.schedule();
        String occurrence = s.kind() == Schedule.Kind.LOCAL_TIME ? LocalDateTime.of(s.localDate(), s.localTime()).toString() : runAt.toString();
        Instant dueAt = s.kind() == Schedule.Kind.LOCAL_TIME ? null : runAt;
        LocalDateTime localDue = s.kind() == Schedule.Kind.LOCAL_TIME ? LocalDateTime.of(s.localDate(), s.localTime()) : null;
        Instant next = s.kind() == Schedule.Kind.CRON ? nextFire(s, runAt.isAfter(now) ? runAt : now) : null;
        int holdout = c.holdoutPercent().multiply(BigDecimal.valueOf(100)).intValue();
        return segments.audience(c.segments(), c.exclusions(), FAN_OUT_PARAMS)
                .flatMap(audience -> templateIds(c.variants()).flatMap(ids -> campaigns.pool().withTransaction(tx ->
                        campaigns.lockForRun(tx, c.id(), runAt).flatMap(locked -> locked == null ? Uni.createFrom().<RunResult>nullItem()
                                : campaigns.fanOut(tx, c, occurrence, now, holdout, split(c, ids), dueAt, localDue, audience,
                                        config.fanOutParallelism())
                                .call(result -> campaigns.advance(tx, c.id(), runAt, next, now))))))
                .invoke(r -> {
                    if (r != null) {
                        LOG.infof("campaign %s run %s: %d deliveries, %d held out", c.key(), occurrence, r.deliveries(), r.heldOut());
                    }
                });
    }

    private static CampaignRepository.Split split(CampaignView c, Map<String, UUID> ids) {
        List<VariantRequest> variants = c.variants();
        int n = variants.size();
        String[] keys = new String[n];
        Integer[] lower = new Integer[n];
        Integer[] upper = new Integer[n];
        UUID[] main = new UUID[n];
        String[] fallback = new String[n];
        int at = 0;
        for (int i = 0; i < n; i++) {
            VariantRequest v = variants.get(i);
            keys[i] = v.key();
            lower[i] = at;
            at += v.percent() * 100;
            upper[i] = i == n - 1 ? 10_000 : at;
            main[i] = ids.get(v.templates().get(c.channels().get(0)));
            fallback[i] = fallbackTemplates(c, v, ids);
        }
        return new CampaignRepository.Split(keys, lower, upper, main, fallback);
    }

    /** The fallback channels' template ids, comma-separated, empty where the main template is used. */
    private static String fallbackTemplates(CampaignView c, VariantRequest v, Map<String, UUID> ids) {
        List<String> list = new ArrayList<>();
        for (Channel ch : c.channels().subList(1, c.channels().size())) {
            String key = v.templates().get(ch);
            list.add(key == null ? "" : ids.get(key).toString());
        }
        return String.join(",", list);
    }

    private Uni<Map<String, UUID>> templateIds(List<VariantRequest> variants) {
        Set<String> keys = new HashSet<>();
        variants.forEach(v -> keys.addAll(v.templates().values()));
        return templates.byKeys(List.copyOf(keys)).map(found -> {
            Map<String, UUID> ids = new HashMap<>();
            found.forEach(t -> ids.put(t.key(), t.id()));
            return ids;
        });
    }

    private Instant firstRun(CampaignView c, Instant now) {
        Schedule s = c.schedule();
        Instant first = switch (s.kind()) {
            case NOW -> now;
            case AT -> s.at();
            case LOCAL_TIME -> LocalDateTime.of(s.localDate(), s.localTime()).toInstant(EARLIEST);
            case CRON -> nextFire(s, now);
        };
        return first.isBefore(now) ? now : first;
    }

    private Instant nextFire(Schedule s, Instant after) {
        ZoneId zone = ZoneId.of(s.zone() == null ? config.defaultZone() : s.zone());
        return ExecutionTime.forCron(CRON.parse(s.cron())).nextExecution(after.atZone(zone))
                .map(z -> z.toInstant()).orElseThrow(() -> ProblemException.invalid("schedule.cron", "the cron never fires again"));
    }

    private Uni<CampaignView> refused(String key, Long expected, String action) {
        return find(key).flatMap(current -> Uni.createFrom().failure(expected != null && expected != current.version()
                ? ProblemException.preconditionFailed("campaign " + key + " is at version " + current.version() + ", not " + expected)
                : illegal(current, action)));
    }

    private static ProblemException illegal(CampaignView c, String action) {
        List<String> allowed = new ArrayList<>(c.status().actions());
        if (c.status().editable()) {
            allowed.add("edit");
        }
        return ProblemException.conflict("illegal-transition", "Not allowed in this status",
                "cannot " + action + " a " + c.status() + " campaign; allowed: " + (allowed.isEmpty() ? "nothing" : String.join(", ", allowed)),
                Map.of("status", c.status().name(), "allowed", allowed));
    }

    /** Everything a request can get wrong that annotations cannot see, all at once, before anything is written. */
    private Uni<Boolean> validate(CampaignRequest r) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (new HashSet<>(r.channels()).size() != r.channels().size()) {
            errors.add(new Problem.FieldError("channels", "each channel at most once", null));
        }
        int total = r.variants().stream().mapToInt(VariantRequest::percent).sum();
        if (total != 100) {
            errors.add(new Problem.FieldError("variants", "percentages add up to " + total + ", not 100", null));
        }
        if (r.isTransactional() && r.holdoutPercent() != null && r.holdoutPercent().signum() > 0) {
            errors.add(new Problem.FieldError("holdoutPercent", "a transactional message goes to everyone it is owed to: no holdout", null));
        }
        if (r.variants().stream().map(VariantRequest::key).distinct().count() != r.variants().size()) {
            errors.add(new Problem.FieldError("variants", "variant keys must differ", null));
        }
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < r.variants().size(); i++) {
            VariantRequest v = r.variants().get(i);
            if (!v.templates().containsKey(r.channels().get(0))) {
                errors.add(new Problem.FieldError("variants[" + i + "].templates", "needs a template for " + r.channels().get(0), null));
            }
            for (Channel ch : v.templates().keySet()) {
                if (!r.channels().contains(ch)) {
                    errors.add(new Problem.FieldError("variants[" + i + "].templates." + ch, "not one of the campaign's channels", null));
                }
            }
            keys.addAll(v.templates().values());
        }
        Schedule s = r.schedule();
        switch (s.kind()) {
            case AT -> {
                if (s.at() == null) {
                    errors.add(new Problem.FieldError("schedule.at", "required for AT", null));
                }
            }
            case LOCAL_TIME -> {
                if (s.localDate() == null) {
                    errors.add(new Problem.FieldError("schedule.localDate", "required for LOCAL_TIME", null));
                }
                if (s.localTime() == null) {
                    errors.add(new Problem.FieldError("schedule.localTime", "required for LOCAL_TIME", null));
                }
            }
            case CRON -> {
                if (s.cron() == null || s.cron().isBlank()) {
                    errors.add(new Problem.FieldError("schedule.cron", "required for CRON", null));
                } else {
                    try {
                        Cron cron = CRON.parse(s.cron());
                        cron.validate();
                    } catch (IllegalArgumentException e) {
                        errors.add(new Problem.FieldError("schedule.cron", "not a Quartz cron: " + e.getMessage(), null));
                    }
                }
            }
            case NOW -> {
            }
        }
        if (s.zone() != null) {
            try {
                ZoneId.of(s.zone());
            } catch (DateTimeException e) {
                errors.add(new Problem.FieldError("schedule.zone", "not an IANA zone", null));
            }
        }
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(invalid(errors));
        }
        return templates.byKeys(List.copyOf(keys)).flatMap(found -> {
            Map<String, TemplateView> byKey = new HashMap<>();
            found.forEach(t -> byKey.put(t.key(), t));
            for (int i = 0; i < r.variants().size(); i++) {
                for (Map.Entry<Channel, String> e : r.variants().get(i).templates().entrySet()) {
                    TemplateView t = byKey.get(e.getValue());
                    String field = "variants[" + i + "].templates." + e.getKey();
                    if (t == null) {
                        errors.add(new Problem.FieldError(field, "no template with key " + e.getValue(), null));
                    } else if (t.channel() != e.getKey()) {
                        errors.add(new Problem.FieldError(field, "template " + t.key() + " is for " + t.channel(), null));
                    }
                }
            }
            if (!errors.isEmpty()) {
                return Uni.createFrom().failure(invalid(errors));
            }
            return segments.audience(r.segments(), r.exclusions() == null ? List.of() : r.exclusions(), FAN_OUT_PARAMS).replaceWith(true);
        });
    }

    private static ProblemException invalid(List<Problem.FieldError> errors) {
        return new ProblemException(400, "invalid-campaign", "Invalid campaign", errors.get(0).field() + ": " + errors.get(0).message(),
                errors, Map.of());
    }
}
