package io.yunying.push.journey;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.yunying.push.segment.SegmentRepository;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Runs every active journey: takes in its new triggers, then moves its due entries through the steps
 * in list order (steps lead forward, so an entry can pass several steps in one run). Every replica runs
 * it; the statements are safe to run at once (see {@link EngineRepository}).
 */
@ApplicationScoped
public class JourneyEngine {

    private static final Logger LOG = Logger.getLogger(JourneyEngine.class);

    private final JourneyRepository journeys;
    private final EngineRepository engine;
    private final SegmentRepository segments;
    private final JourneyConfig config;
    private final ObjectMapper json;
    private final Clock clock;

    public JourneyEngine(JourneyRepository journeys, EngineRepository engine, SegmentRepository segments, JourneyConfig config,
                         ObjectMapper json, Clock clock) {
        this.journeys = journeys;
        this.engine = engine;
        this.segments = segments;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    @Scheduled(every = "{push.journeys.tick-every}", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return run().replaceWithVoid();
    }

    /** One run over every active journey; a journey that fails is logged and retried next run, the others go on. */
    public Uni<EngineRun> run() {
        Instant now = clock.instant();
        return journeys.active()
                .onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                .onItem().transformToUniAndConcatenate(journey -> runOne(journey, now)
                        .onFailure().recoverWithItem(e -> {
                            LOG.errorf(e, "journey %s did not run", journey.key());
                            return EngineRun.NONE;
                        }))
                .collect().with(Collectors.reducing(EngineRun.NONE, EngineRun::plus));
    }

    private Uni<EngineRun> runOne(JourneyView journey, Instant now) {
        Definition definition = DefinitionParser.read(journey.trigger(), journey.steps(), journey.exits(), json);
        List<UUID> stepIds = definition.steps().stream().map(Definition.Step::id).toList();
        return audience(journey.audienceSegment())
                .map(audience -> new EngineRepository.Running(journey.id(), definition, audience, journey.reEntryAfterDays(),
                        journey.goalEvent(), stepIds))
                .flatMap(running -> enterAll(running, now, 0L)
                        .flatMap(entered -> Multi.createFrom().iterable(definition.steps())
                                .onItem().transformToUniAndConcatenate(step -> drain(running, step, now, EngineRun.NONE))
                                .collect().with(Collectors.reducing(EngineRun.NONE, EngineRun::plus))
                                .map(steps -> new EngineRun(1, entered, 0, 0, 0, 0).plus(steps))));
    }

    /** Reads trigger batches until the source is caught up (a batch that came back short). */
    private Uni<Long> enterAll(EngineRepository.Running journey, Instant now, long sofar) {
        return engine.enter(journey, now, config.triggerBatch(), config.triggerMaxAge())
                .flatMap(batch -> batch.scanned() < config.triggerBatch() ? Uni.createFrom().item(sofar + batch.entered())
                        : enterAll(journey, now, sofar + batch.entered()));
    }

    /** Moves the step's due entries batch by batch until fewer than a batch were due. */
    private Uni<EngineRun> drain(EngineRepository.Running journey, Definition.Step step, Instant now, EngineRun sofar) {
        return engine.step(journey, step, now, config.stepBatch()).flatMap(r -> {
            EngineRun total = sofar.plus(new EngineRun(0, 0, r.moved(), r.deliveries(), r.exited(), r.completed()));
            return r.due() < config.stepBatch() ? Uni.createFrom().item(total) : drain(journey, step, now, total);
        });
    }

    private Uni<Audience> audience(String segmentKey) {
        if (segmentKey == null) {
            return Uni.createFrom().item(Audience.EVERYONE);
        }
        return segments.find(segmentKey).map(s -> {
            if (s == null) {
                LOG.warnf("audience segment %s is gone; nobody enters", segmentKey);
                return Audience.NOBODY;
            }
            return s.materialised() ? new Audience(false, s.id(), null) : new Audience(false, null, s.rule());
        });
    }
}
