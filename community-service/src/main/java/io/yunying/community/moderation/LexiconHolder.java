package io.yunying.community.moderation;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the lexicon snapshot every check uses. A reload compiles a complete new snapshot off to the
 * side and then swaps the reference, so a check sees the old lexicon or the new one, never a mix.
 * Every replica polls the version row, so a change made through any replica is live everywhere
 * within one poll interval.
 */
@ApplicationScoped
public class LexiconHolder {

    private static final Logger LOG = Logger.getLogger(LexiconHolder.class);

    private final AtomicReference<Lexicon> current = new AtomicReference<>(Lexicon.empty());
    private final LexiconRepository repository;

    public LexiconHolder(LexiconRepository repository) {
        this.repository = repository;
    }

    public Lexicon current() {
        return current.get();
    }

    void onStart(@Observes StartupEvent event) {
        refresh().await().indefinitely();
    }

    @Scheduled(every = "${yunying.community.moderation.lexicon-poll}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        return refresh().onFailure().invoke(e -> LOG.warnf("lexicon poll failed: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Reloads when the stored version moved; completes once the snapshot in use is at least that version. */
    public Uni<Lexicon> refresh() {
        return repository.currentVersion().chain(version -> {
            if (current.get().version() >= version) {
                return Uni.createFrom().item(current.get());
            }
            // The version is read before the entries, so the snapshot holds at least that version's
            // entries; a change committed in between bumps the version again and is picked up next time.
            return repository.allRules()
                    .emitOn(Infrastructure.getDefaultWorkerPool())
                    .map(rules -> install(Lexicon.compile(version, rules)));
        });
    }

    private Lexicon install(Lexicon next) {
        Lexicon installed = current.accumulateAndGet(next, (old, candidate) -> candidate.version() > old.version() ? candidate : old);
        if (installed == next) {
            LOG.debugf("lexicon version %d installed with %d entries", next.version(), next.size());
        }
        return installed;
    }
}
