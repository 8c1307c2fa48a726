package io.yunying.community.moderation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.yunying.community.sanction.Sanction;
import io.yunying.community.sanction.SanctionRepository;
import io.yunying.community.standing.MemberStanding;
import io.yunying.community.standing.StandingService;
import io.yunying.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The check every piece of community and UGC text goes through. The lexicon part is pure computation on
 * the current snapshot; when the caller names the author, the author's standing and recent texts feed the
 * spam heuristics, and the context can make the check strict.
 */
@ApplicationScoped
public class ModerationService {

    /** The context key that names the piece being checked; a re-check of the same piece is not its own duplicate. */
    public static final String SUBJECT_KEY = "contentId";
    public static final String DUPLICATE_RULE = "spam:duplicate";
    public static final String BURST_RULE = "spam:rate";
    public static final String SANCTIONED_RULE = "author:sanctioned";

    /** How a text is checked: the link allowance and whether FLAG hits hold it. */
    public record Screening(Integer trustLevel, int maxLinks, boolean strict) {
    }

    /** A check's outcome with what shaped it. */
    public record Assessment(Lexicon.Result result, long lexiconVersion, Integer trustLevel, boolean strict) {
    }

    private record Author(MemberStanding member, Sanction sanction, List<CheckHistoryRepository.Fingerprint> recent) {
    }

    private final LexiconHolder holder;
    private final ModerationConfig config;
    private final StandingService standing;
    private final SanctionRepository sanctions;
    private final CheckHistoryRepository history;
    private final ObjectMapper json;
    private final Clock clock;

    public ModerationService(LexiconHolder holder, ModerationConfig config, StandingService standing, SanctionRepository sanctions,
                             CheckHistoryRepository history, ObjectMapper json, Clock clock) {
        this.holder = holder;
        this.config = config;
        this.standing = standing;
        this.sanctions = sanctions;
        this.history = history;
        this.json = json;
        this.clock = clock;
    }

    /** The lexicon and the default link heuristic, no author, no context. */
    public Lexicon.Result check(String text) {
        return check(text, screening(null, null, null));
    }

    public Lexicon.Result check(String text, Screening screening) {
        requireText(text);
        return holder.current().check(text, screening.maxLinks(), screening.strict());
    }

    /**
     * The screening for an author of a trust level (null: not named) writing in a context. Strict contexts
     * allow no links and hold FLAG hits; otherwise the link allowance grows with trust.
     */
    public Screening screening(Integer trustLevel, String contentType, Map<String, String> context) {
        boolean strict = strict(contentType, context);
        int maxLinks = strict ? 0 : trustLevel == null ? config.maxLinks() : byLevel(config.maxLinksByTrustLevel(), trustLevel);
        return new Screening(trustLevel, maxLinks, strict);
    }

    /**
     * The check endpoint's work. Without an author it is the lexicon check alone. With one, the author's
     * standing sets the link allowance; a sanction in force, a near-duplicate of a recent text or a burst
     * beyond the trust level's hourly allowance sends the text to review; the text's fingerprint is kept.
     */
    public Uni<Assessment> assess(String text, String contentType, String authorId, Map<String, String> context) {
        requireText(text);
        if (authorId == null || authorId.isBlank()) {
            return offloaded(text, Uni.createFrom().item(() -> lexiconOnly(text, screening(null, contentType, context))));
        }
        Instant now = clock.instant();
        String subject = context == null ? null : context.get(SUBJECT_KEY);
        Duration lookBack = config.historyWindow().compareTo(Duration.ofHours(1)) > 0 ? config.historyWindow() : Duration.ofHours(1);
        // Reads only, for an author already known; a standing is written (one commit) the first time only.
        return Panache.withSession(() -> standing.current(authorId))
                .chain(known -> known != null ? Uni.createFrom().item(known) : Panache.withTransaction(() -> standing.of(authorId)))
                .chain(member -> Panache.withSession(() -> sanctions.active(authorId, now)).map(active -> active.stream()
                        .filter(s -> s.type.blocksPosting()).findFirst().orElse(null))
                        .map(sanction -> new Author(member, sanction, List.of())))
                .chain(author -> history.recent(authorId, subject, now.minus(lookBack))
                        .map(recent -> new Author(author.member(), author.sanction(), recent)))
                .chain(author -> offloaded(text, Uni.createFrom().item(() -> judge(text, contentType, context, author, now))))
                .call(assessment -> history.record(authorId, subject, SimHash.of(text), contentType, contextJson(context),
                        assessment.result().decision(), now));
    }

    /**
     * A post-sized text is checked where it is (a few microseconds, less than a hop to another thread); a long
     * one on a worker thread, so it cannot stall the event loop.
     */
    private static <T> Uni<T> offloaded(String text, Uni<T> check) {
        return text.length() <= INLINE_CHECK_LIMIT ? check : check.runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** Texts up to this many characters are checked on the calling thread. */
    static final int INLINE_CHECK_LIMIT = 4096;

    private Assessment lexiconOnly(String text, Screening screening) {
        Lexicon lexicon = holder.current();
        return new Assessment(lexicon.check(text, screening.maxLinks(), screening.strict()), lexicon.version(), null, screening.strict());
    }

    private Assessment judge(String text, String contentType, Map<String, String> context, Author author, Instant now) {
        int level = author.member().trustLevel(now);
        Screening screening = screening(level, contentType, context);
        Lexicon lexicon = holder.current();
        Lexicon.Result base = lexicon.check(text, screening.maxLinks(), screening.strict());
        List<Lexicon.Hit> extra = new ArrayList<>();
        if (author.sanction() != null) {
            Sanction s = author.sanction();
            extra.add(heuristic(SANCTIONED_RULE, s.type.name() + (s.endsAt == null ? " without end" : " until " + s.endsAt),
                    Category.CUSTOM, 4));
        }
        long hash = SimHash.of(text);
        Duration window = config.historyWindow();
        if (author.recent().stream().anyMatch(f -> f.checkedAt().isAfter(now.minus(window))
                && SimHash.distance(f.simhash(), hash) <= config.duplicateDistance())) {
            extra.add(heuristic(DUPLICATE_RULE, "near-duplicate of a recent text", Category.SPAM, 2));
        }
        int allowance = byLevel(config.textsPerHour(), level);
        long lastHour = author.recent().stream().filter(f -> f.checkedAt().isAfter(now.minus(Duration.ofHours(1)))).count();
        if (lastHour >= allowance) {
            extra.add(heuristic(BURST_RULE, (lastHour + 1) + " texts in an hour (trust level " + level + " allows " + allowance + ")",
                    Category.SPAM, 2));
        }
        return new Assessment(Lexicon.amend(text, base, extra, screening.strict()), lexicon.version(), level, screening.strict());
    }

    private static Lexicon.Hit heuristic(String rule, String word, Category category, int severity) {
        return new Lexicon.Hit(rule, word, category, Action.REVIEW, severity, 0, 0, "");
    }

    private boolean strict(String contentType, Map<String, String> context) {
        List<String> marked = config.strictContexts().orElse(List.of());
        if (marked.isEmpty()) {
            return false;
        }
        if (contentType != null && marked.contains("contentType=" + contentType)) {
            return true;
        }
        return context != null && context.entrySet().stream().anyMatch(e -> marked.contains(e.getKey() + "=" + e.getValue()));
    }

    private static int byLevel(List<Integer> values, int level) {
        return values.get(Math.min(level, values.size() - 1));
    }

    private String contextJson(Map<String, String> context) {
        if (context == null || context.isEmpty()) {
            return null;
        }
        try {
            return json.writeValueAsString(context);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void requireText(String text) {
        if (text == null || text.isBlank()) {
            throw ProblemException.invalid("text", "must not be blank");
        }
    }

    /** Forgets fingerprints older than the history window (and the hour the burst heuristic looks at). */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purgeHistory() {
        Duration keep = config.historyWindow().compareTo(Duration.ofHours(1)) > 0 ? config.historyWindow() : Duration.ofHours(1);
        return history.purge(clock.instant().minus(keep)).replaceWithVoid();
    }
}
