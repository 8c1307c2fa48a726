package io.yunying.community.emerging;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Collects the phrases of community texts as they are published, and finds the ones bursting now. */
@ApplicationScoped
public class EmergingService {

    private final EmergingRepository repository;
    private final EmergingConfig config;
    private final BurstDetector detector;

    public EmergingService(EmergingRepository repository, EmergingConfig config) {
        this.repository = repository;
        this.config = config;
        this.detector = new BurstDetector(config.minSupport(), config.minScore(), config.containment());
    }

    /** Records the phrases of a published text, inside the caller's transaction. */
    public Uni<Void> collect(Mutiny.Session session, String author, String text, Instant at) {
        return repository.record(session, author, bucketOf(at), new ArrayList<>(Phrases.of(text)));
    }

    /** The bursting phrases at {@code now}, strongest first. */
    public Uni<List<BurstDetector.Burst>> bursts(SqlClient c, Instant now) {
        Instant windowStart = now.minus(config.window());
        Instant baselineStart = windowStart.minus(config.baseline());
        double windows = (double) config.baseline().toSeconds() / config.window().toSeconds();
        return repository.observed(c, windowStart, now, config.minSupport())
                .chain(observed -> repository.baseline(c, baselineStart, windowStart, new ArrayList<>(observed.keySet()))
                        .map(baseline -> detector.detect(observed, baseline, windows, config.listSize())));
    }

    public Uni<Void> prune(SqlClient c, Instant now) {
        return repository.prune(c, now.minus(config.window()).minus(config.baseline()).minus(config.bucket()));
    }

    /** The start of the phrase bucket a text published at {@code at} counts in. */
    public Instant bucketOf(Instant at) {
        long seconds = config.bucket().toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), seconds) * seconds);
    }
}
