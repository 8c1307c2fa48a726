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
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends whatever is due, whoever owes it (campaign, journey step or test send). Each pass claims a
 * batch under a lease, applies the send-time rules (consent and channel fallback, quiet hours, caps,
 * throttle), renders, calls the providers with the delivery id as idempotency key, and writes every
 * outcome back in one statement, which also claims the worker's next batch. A worker that dies mid-send
 * leaves its batch SENDING; when the lease runs out another worker takes it and sends again with the same keys.
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
    private final String instance = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong passes = new AtomicLong();
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
                vertx.setTimer(200L, id -> loop(null));
            }
        }, new DeploymentOptions().setInstances(config.workers()));
        LOG.infof("dispatcher %s: %d workers, batches of %d", instance, config.workers(), config.batchSize());
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
    }

    /** A processed batch whose outcomes are not written yet: the next claim writes them in the same statement. */
    private record Done(String owner, List<Outcome> outcomes, DispatchResult result) {

        static Done none(String owner) {
            return new Done(owner, List.of(), DispatchResult.NONE);
        }
    }

    private void loop(Done previous) {
        pass(previous)
                .flatMap(done -> done.result().claimed() >= config.batchSize() && running ? Uni.createFrom().item(done) : flush(done))
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("dispatcher pass failed, trying again shortly: %s", e.getMessage());
                    // one statement: neither the outcomes nor the next claim were written; try the outcomes alone
                    return previous == null ? Uni.createFrom().item(Done.none("")) : flush(previous)
                            .onFailure().recoverWithItem(Done.none(""));
                })
                .subscribe().with(done -> {
                    if (!running) {
                        flush(done).subscribe().with(x -> { }, e -> LOG.warnf("dispatcher: last outcomes not written: %s", e.getMessage()));
                    } else if (!done.outcomes().isEmpty()) {
                        vertx.runOnContext(() -> loop(done));
                    } else {
                        vertx.setTimer(config.pollInterval().toMillis(), id -> loop(null));
                    }
                });
    }

    /** Passes until nothing due is left or {@code rounds} passes ran; for operators and tests. */
    public Uni<DispatchResult> dispatch(int rounds) {
        return rounds(null, rounds);
    }

    private Uni<DispatchResult> rounds(Done previous, int left) {
        return pass(previous).flatMap(done -> done.result().claimed() == 0 || left <= 1
                ? flush(done).map(Done::result)
                : rounds(done, left - 1).map(done.result()::plus));
    }

    /** Writes a batch's outcomes on their own (the last batch, or before waiting for more work). */
    private Uni<Done> flush(Done done) {
        if (done.outcomes().isEmpty()) {
            return Uni.createFrom().item(done);
        }
        return deliveries.record(done.owner(), done.outcomes(), clock.instant())
                .map(written -> new Done(done.owner(), List.of(), done.result()));
    }

    /** Writes the previous batch's outcomes (if any), claims the next batch and processes it. */
    private Uni<Done> pass(Done previous) {
        String owner = instance + "/" + passes.incrementAndGet();
        Instant now = clock.instant();
        Instant leaseUntil = now.plus(config.lease());
        boolean caps = config.caps().values().stream().anyMatch(c -> c.perDay() > 0 || c.perWeek() > 0);
        Uni<List<Claimed>> claim = previous == null || previous.outcomes().isEmpty()
                ? deliveries.claim(owner, now, leaseUntil, config.batchSize(), caps)
                : deliveries.recordAndClaim(previous.owner(), previous.outcomes(), now, owner, now, leaseUntil, config.batchSize(), caps);
        return claim.flatMap(batch -> withFallbacks(batch, now, caps))
                .flatMap(batch -> batch.isEmpty() ? Uni.createFrom().item(Done.none(owner)) : process(owner, batch, now));
    }

    /** Reads the fallback channels of the rows whose main channel cannot be used, in one query. */
    private Uni<List<Claimed>> withFallbacks(List<Claimed> batch, Instant now, boolean caps) {
        List<Long> ids = batch.stream().filter(Claimed::needsFallback).map(Claimed::id).toList();
        if (ids.isEmpty()) {
            return Uni.createFrom().item(batch);
        }
        return deliveries.fallbackOptions(ids, now, caps).map(byId -> batch.stream()
                .map(c -> byId.containsKey(c.id()) ? c.withFallback(byId.get(c.id())) : c)
                .toList());
    }

    /** A delivery that passed the rules, on the channel it will go out on. */
    private record Planned(Claimed delivery, int option, Channel channel, String address) {
    }

    private Uni<Done> process(String owner, List<Claimed> batch, Instant now) {
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        List<Planned> planned = new ArrayList<>(batch.size());
        Map<String, Integer> inBatch = new HashMap<>();
        for (Claimed c : batch) {
            Object decision = decide(c, now, inBatch);
            if (decision instanceof Outcome o) {
                outcomes.add(o);
            } else {
                planned.add((Planned) decision);
            }
        }
        return throttle(planned, now, outcomes)
                .flatMap(allowed -> templatesOf(allowed).flatMap(byId -> Multi.createFrom().iterable(allowed)
                        .onItem().transformToUni(p -> send(p, byId.get(p.delivery().templateFor(p.option())), now))
                        .merge(config.concurrency())
                        .collect().asList()))
                .map(sent -> {
                    outcomes.addAll(sent);
                    return new Done(owner, outcomes, summary(batch.size(), outcomes));
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

    private Uni<Map<UUID, TemplateView>> templatesOf(List<Planned> planned) {
        List<UUID> ids = planned.stream().map(p -> p.delivery().templateFor(p.option())).distinct().toList();
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return templates.byIds(ids).map(list -> {
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
