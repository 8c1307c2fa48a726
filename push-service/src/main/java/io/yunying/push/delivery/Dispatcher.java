package io.yunying.push.delivery;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.mutiny.core.Vertx;
import io.yunying.platform.problem.ProblemException;
import io.yunying.push.contact.Channel;
import io.yunying.push.contact.Platform;
import io.yunying.push.provider.Outgoing;
import io.yunying.push.provider.Providers;
import io.yunying.push.provider.SendResult;
import io.yunying.push.template.Card;
import io.yunying.push.template.ContentCards;
import io.yunying.push.template.MessageData;
import io.yunying.push.template.Renderer;
import io.yunying.push.template.Rendered;
import io.yunying.push.template.TemplateConfig;
import io.yunying.push.template.TemplateRepository;
import io.yunying.push.template.TemplateView;
import io.yunying.push.tracking.TrackingLinks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Sends whatever is due, whoever owes it (campaign, journey step or test send). Each pass claims a
 * batch under a lease (row locks held by the pass's own transaction), applies the send-time rules
 * (consent and channel fallback, quiet hours, caps, throttle), renders, calls the providers with the
 * delivery id as idempotency key, and writes every outcome back in one statement of the same transaction.
 * A worker that dies mid-send leaves its batch untouched: its connection closes, the locks go, and the next
 * worker sends the batch again with the same keys. A worker that hangs loses the lease when the server
 * ends its transaction after {@code push.delivery.lease} of silence.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    private final DeliveryRepository deliveries;
    private final TemplateRepository templates;
    private final Renderer renderer;
    private final ContentCards cards;
    private final TemplateConfig templateConfig;
    private final TrackingLinks links;
    private final Providers providers;
    private final DeliveryConfig config;
    private final Clock clock;
    private final Vertx vertx;
    private volatile boolean running;

    public Dispatcher(DeliveryRepository deliveries, TemplateRepository templates, Renderer renderer, ContentCards cards,
                      TemplateConfig templateConfig, TrackingLinks links, Providers providers, DeliveryConfig config, Clock clock,
                      Vertx vertx) {
        this.deliveries = deliveries;
        this.templates = templates;
        this.renderer = renderer;
        this.cards = cards;
        this.templateConfig = templateConfig;
        this.links = links;
        this.providers = providers;
        this.config = config;
        this.clock = clock;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        running = true;
        // one verticle instance per worker: each gets its own event loop (timers set from this thread would
        // all share one), and the database and provider callbacks of a worker come back on its loop
        vertx.getDelegate().deployVerticle(() -> new AbstractVerticle() {
            @Override
            public void start() {
                vertx.setTimer(200L, id -> loop());
            }
        }, new DeploymentOptions().setInstances(config.workers()));
        LOG.infof("dispatcher: %d workers, batches of %d", config.workers(), config.batchSize());
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
    }

    private void loop() {
        pass()
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("dispatcher pass failed, trying again shortly: %s", e.getMessage());
                    return DispatchResult.NONE;
                })
                .subscribe().with(result -> {
                    if (!running) {
                        return;
                    }
                    if (result.claimed() >= config.batchSize()) {
                        vertx.runOnContext(this::loop);
                    } else {
                        vertx.setTimer(config.pollInterval().toMillis(), id -> loop());
                    }
                });
    }

    /** Passes until nothing due is left or {@code rounds} passes ran; for operators and tests. */
    public Uni<DispatchResult> dispatch(int rounds) {
        return pass().flatMap(result -> result.claimed() == 0 || rounds <= 1
                ? Uni.createFrom().item(result)
                : dispatch(rounds - 1).map(result::plus));
    }

    /**
     * Claims a batch, processes it and writes its outcomes in the claim's transaction. When anything fails
     * before the outcomes are written, the transaction is rolled back: the batch is due again as it was.
     */
    private Uni<DispatchResult> pass() {
        Instant now = clock.instant();
        boolean caps = config.caps().values().stream().anyMatch(c -> c.perDay() > 0 || c.perWeek() > 0);
        return deliveries.claim(now, config.lease(), config.batchSize(), caps).flatMap(batch -> batch.rows().isEmpty()
                ? Uni.createFrom().item(DispatchResult.NONE)
                : withFallbacks(batch, now, caps)
                        .flatMap(rows -> process(batch, rows, now))
                        .call(done -> deliveries.record(batch, done.outcomes(), clock.instant())
                                .onFailure().invoke(e -> LOG.warnf("dispatcher: the lease on %d deliveries ended before their outcomes "
                                        + "were written; they are due again and go out with the same keys: %s", batch.rows().size(), e.getMessage())))
                        .map(Done::result)
                        .onFailure().call(batch::abandon));
    }

    /** A processed batch: its outcomes and their summary. */
    private record Done(List<Outcome> outcomes, DispatchResult result) {
    }

    /** Reads the fallback channels of the rows whose main channel cannot be used, in one query. */
    private Uni<List<Claimed>> withFallbacks(ClaimedBatch batch, Instant now, boolean caps) {
        List<Long> ids = batch.rows().stream().filter(Claimed::needsFallback).map(Claimed::id).toList();
        if (ids.isEmpty()) {
            return Uni.createFrom().item(batch.rows());
        }
        return deliveries.fallbackOptions(batch, ids, now, caps).map(byId -> batch.rows().stream()
                .map(c -> byId.containsKey(c.id()) ? c.withFallback(byId.get(c.id())) : c)
                .toList());
    }

    /** A delivery that passed the rules, on the channel it will go out on. */
    private record Planned(Claimed delivery, int option, Channel channel, String address) {
    }

    private Uni<Done> process(ClaimedBatch batch, List<Claimed> rows, Instant now) {
        List<Outcome> outcomes = new ArrayList<>(rows.size());
        List<Planned> planned = new ArrayList<>(rows.size());
        Map<String, Integer> inBatch = new HashMap<>();
        for (Claimed c : rows) {
            Object decision = decide(c, now, inBatch);
            if (decision instanceof Outcome o) {
                outcomes.add(o);
            } else {
                planned.add((Planned) decision);
            }
        }
        return throttle(planned, now, outcomes)
                .flatMap(allowed -> templatesOf(batch, allowed).flatMap(byId -> Multi.createFrom().iterable(allowed)
                        .onItem().transformToUni(p -> send(p, byId.get(p.delivery().templateFor(p.option())), now))
                        .merge(config.concurrency())
                        .collect().asList()))
                .map(sent -> {
                    outcomes.addAll(sent);
                    return new Done(outcomes, summary(rows.size(), outcomes));
                })
                .invoke(done -> {
                    DispatchResult result = done.result();
                    if (result.retried() + result.failed() > 0) {
                        outcomes.stream().filter(o -> o.reason() != null && !o.refund() && !"DROPPED".equals(o.status())).findFirst()
                                .ifPresent(o -> LOG.warnf("dispatcher: %d of %d deliveries to retry, %d failed; e.g. delivery %d: %s",
                                        result.retried(), result.claimed(), result.failed(), o.id(), o.reason()));
                    }
                });
    }

    /** Consent and channel fallback, quiet hours, frequency caps: an outcome now, or the channel to send on. */
    private Object decide(Claimed c, Instant now, Map<String, Integer> inBatch) {
        if (c.erased()) {
            return Outcome.dropped(c.id(), "contact_erased");
        }
        List<String> refused = new ArrayList<>();
        int chosen = -1;
        for (int i = 0; i < c.options().size(); i++) {
            Claimed.Option o = c.options().get(i);
            if (o.usable(c.test())) {
                chosen = i;
                break;
            }
            refused.add((o.address() == null ? "no_address (" : "no_consent (") + o.channel() + ")");
        }
        if (chosen < 0) {
            return Outcome.dropped(c.id(), String.join(", ", refused));
        }
        Claimed.Option option = c.options().get(chosen);
        // test sends and transactional campaigns (receipts, codes, security notices) go out whatever the hour and the caps
        if (!c.test() && !c.transactional()) {
            Instant allowedAt = quietUntil(c, option.channel(), now);
            if (allowedAt != null) {
                return Outcome.held(c.id(), "quiet_hours", allowedAt);
            }
            DeliveryConfig.Cap cap = config.caps().get(option.channel());
            String key = c.contactId() + ":" + option.channel();
            int extra = inBatch.getOrDefault(key, 0);
            if (cap != null && cap.perDay() > 0 && option.sentToday() + extra >= cap.perDay()) {
                return Outcome.dropped(c.id(), "frequency_cap: " + cap.perDay() + " per day on " + option.channel());
            }
            if (cap != null && cap.perWeek() > 0 && option.sentThisWeek() + extra >= cap.perWeek()) {
                return Outcome.dropped(c.id(), "frequency_cap: " + cap.perWeek() + " per week on " + option.channel());
            }
            inBatch.put(key, extra + 1);
        }
        return new Planned(c, chosen, Channel.valueOf(option.channel()), option.address());
    }

    /** The end of the global quiet window and the contact's own do-not-disturb, in the contact's zone; null when sending is allowed. */
    private Instant quietUntil(Claimed c, String channel, Instant now) {
        DeliveryConfig.QuietHours quiet = config.quietHours();
        if (!quiet.channels().contains(channel)) {
            return null;
        }
        List<QuietHours.Window> windows = new ArrayList<>(2);
        if (quiet.enabled()) {
            windows.add(new QuietHours.Window(quiet.start(), quiet.end()));
        }
        if (c.dndStart() != null && c.dndEnd() != null) {
            windows.add(new QuietHours.Window(c.dndStart(), c.dndEnd()));
        }
        return windows.isEmpty() ? null : QuietHours.nextAllowed(now, ZoneId.of(c.timeZone()), windows);
    }

    /** Takes each throttled channel's share of this second; the rest waits for the next second (no attempt used). */
    private Uni<List<Planned>> throttle(List<Planned> planned, Instant now, List<Outcome> outcomes) {
        Map<Channel, List<Planned>> byChannel = new LinkedHashMap<>();
        planned.forEach(p -> byChannel.computeIfAbsent(p.channel(), k -> new ArrayList<>()).add(p));
        long second = now.getEpochSecond();
        Instant nextSecond = Instant.ofEpochSecond(second + 1);
        return Multi.createFrom().iterable(byChannel.entrySet())
                .onItem().transformToUniAndConcatenate(e -> {
                    Integer perSecond = config.throttle().get(e.getKey().name());
                    if (perSecond == null || perSecond <= 0) {
                        return Uni.createFrom().item(e.getValue());
                    }
                    return deliveries.takeBudget(e.getKey().name(), second, e.getValue().size(), perSecond).map(granted -> {
                        List<Planned> list = e.getValue();
                        for (Planned p : list.subList(granted, list.size())) {
                            outcomes.add(Outcome.held(p.delivery().id(), "throttled", nextSecond));
                        }
                        return list.subList(0, granted);
                    });
                })
                .collect().in(ArrayList::new, List::addAll);
    }

    private Uni<Map<UUID, TemplateView>> templatesOf(ClaimedBatch batch, List<Planned> planned) {
        List<UUID> ids = planned.stream().map(p -> p.delivery().templateFor(p.option())).distinct().toList();
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return templates.byIds(batch.connection(), ids).map(list -> {
            Map<UUID, TemplateView> byId = new HashMap<>();
            list.forEach(t -> byId.put(t.id(), t));
            return byId;
        });
    }

    private Uni<Outcome> send(Planned p, TemplateView template, Instant now) {
        Claimed c = p.delivery();
        if (template == null) {
            return Uni.createFrom().item(Outcome.permanent(c.id(), "template_missing", null, null));
        }
        Uni<Card> card = template.contentId() == null ? Uni.createFrom().nullItem() : cards.card(template.contentId());
        return card.map(k -> render(p, template, k))
                .flatMap(message -> providers.send(new Outgoing(c.id(), c.contactId(), p.channel(), p.address(), platform(c), message)))
                .map(result -> outcome(p, result, now))
                .onFailure().recoverWithItem(e -> failure(p, e, now));
    }

    private Rendered render(Planned p, TemplateView template, Card card) {
        Claimed c = p.delivery();
        boolean email = p.channel() == Channel.EMAIL;
        Map<String, Object> contact = MessageData.contact(c.externalId(), c.region(), c.locale(), c.timeZone(), c.platform(),
                c.membershipTier(), c.membershipExpiresAt(), c.ageBand(), c.gender(), c.attributes());
        Map<String, Object> data = MessageData.of(contact, card, templateConfig.cardLink(), email ? links.unsubscribe(c.unsubscribeToken()) : null);
        return renderer.render(template, p.channel(), c.locale(), data, url -> links.click(c.id(), url), email ? links.openPixel(c.id()) : null);
    }

    private Outcome outcome(Planned p, SendResult result, Instant now) {
        long id = p.delivery().id();
        if (result instanceof SendResult.Sent sent) {
            return Outcome.sent(id, p.channel().name(), sent.providerMessageId(), clock.instant(), null);
        }
        if (result instanceof SendResult.Retry retry) {
            return retry(p, retry.reason(), retry.retryAfter(), now);
        }
        SendResult.Permanent permanent = (SendResult.Permanent) result;
        return Outcome.permanent(id, permanent.reason(), new Outcome.Suppress(p.channel().name(), p.address(), permanent.reason()),
                permanent.reason().startsWith("bounced") ? "BOUNCED" : null);
    }

    private Outcome failure(Planned p, Throwable e, Instant now) {
        if (e instanceof ProblemException problem && problem.status() < 500) {
            return Outcome.permanent(p.delivery().id(), "content_unavailable: " + problem.getMessage(), null, null);
        }
        if (e instanceof ProblemException problem) {
            return retry(p, problem.getMessage(), null, now);
        }
        return Outcome.permanent(p.delivery().id(), "render_failed: " + e.getMessage(), null, null);
    }

    /** Exponential backoff, never sooner than the provider's Retry-After; attempts exhausted → dead letter. */
    private Outcome retry(Planned p, String reason, Duration retryAfter, Instant now) {
        Claimed c = p.delivery();
        if (c.attempts() >= config.maxAttempts()) {
            return Outcome.dead(c.id(), "attempts exhausted: " + reason);
        }
        long factor = 1L << Math.min(20, c.attempts() - 1);
        Duration backoff = config.backoffBase().multipliedBy(factor);
        if (backoff.compareTo(config.backoffMax()) > 0) {
            backoff = config.backoffMax();
        }
        if (retryAfter != null && retryAfter.compareTo(backoff) > 0) {
            backoff = retryAfter;
        }
        return Outcome.retry(c.id(), reason, now.plus(backoff));
    }

    private static Platform platform(Claimed c) {
        try {
            return c.platform() == null ? null : Platform.valueOf(c.platform());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static DispatchResult summary(int claimed, List<Outcome> outcomes) {
        int sent = 0;
        int held = 0;
        int dropped = 0;
        int retried = 0;
        int failed = 0;
        for (Outcome o : outcomes) {
            switch (o.status()) {
                case "SENT" -> sent++;
                case "DROPPED" -> dropped++;
                case "FAILED" -> failed++;
                default -> {
                    if (o.refund()) {
                        held++;
                    } else {
                        retried++;
                    }
                }
            }
        }
        return new DispatchResult(claimed, sent, held, dropped, retried, failed);
    }
}
