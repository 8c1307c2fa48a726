package io.yunying.community.report;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.yunying.community.modlog.ModerationLog;
import io.yunying.community.post.PostRepository;
import io.yunying.community.post.PostStatus;
import io.yunying.community.review.ReviewService;
import io.yunying.community.sanction.SanctionService;
import io.yunying.community.standing.StandingService;
import io.yunying.community.support.Actor;
import io.yunying.community.support.RateLimited;
import io.yunying.platform.problem.DatabaseErrors;
import io.yunying.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Member reports. Each counts with the reporter's trust weight; once a post's weights reach the
 * threshold it is hidden pending review. One report per member and post; a member filing too many
 * reports an hour is throttled.
 */
@ApplicationScoped
public class ReportService {

    /** The report and what it did to the post. */
    public record Filed(Report report, double totalWeight, PostStatus postStatus) {
    }

    private final ReportRepository reports;
    private final PostRepository posts;
    private final StandingService standing;
    private final SanctionService sanctions;
    private final ReviewService reviews;
    private final ModerationLog log;
    private final ReportConfig config;
    private final Clock clock;

    public ReportService(ReportRepository reports, PostRepository posts, StandingService standing, SanctionService sanctions,
                         ReviewService reviews, ModerationLog log, ReportConfig config, Clock clock) {
        this.reports = reports;
        this.posts = posts;
        this.standing = standing;
        this.sanctions = sanctions;
        this.reviews = reviews;
        this.log = log;
        this.config = config;
        this.clock = clock;
    }

    public Uni<Filed> file(UUID postId, Actor reporter, ReportReason reason, String note) {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> sanctions.guard(reporter.id(), SanctionService.Write.OTHER)
                        .chain(() -> reports.countByReporterSince(reporter.id(), now.minus(Duration.ofHours(1))))
                        .invoke(count -> {
                            if (count >= config.perHour()) {
                                throw RateLimited.of("at most " + config.perHour() + " reports per hour", 3600);
                            }
                        })
                        .chain(() -> posts.findById(postId))
                        .chain(post -> {
                            if (post == null || !post.visibleTo(reporter.id(), reporter.staff())) {
                                throw ProblemException.notFound("post", postId);
                            }
                            if (post.authorId.equals(reporter.id())) {
                                throw ProblemException.invalid("postId", "members cannot report their own posts");
                            }
                            return standing.of(reporter.id()).chain(member -> standing.of(post.authorId).chain(author -> {
                                Report report = new Report();
                                report.id = UUID.randomUUID();
                                report.postId = postId;
                                report.reporterId = reporter.id();
                                report.reason = reason;
                                report.note = note;
                                report.weight = member.reportWeight(now);
                                report.createdAt = now;
                                return reports.persist(report).call(reports::flush)
                                        .chain(() -> reports.totalWeight(postId))
                                        .chain(total -> {
                                            Uni<Void> hide = Uni.createFrom().voidItem();
                                            if (total >= config.hideThreshold() && post.status == PostStatus.PUBLISHED) {
                                                post.status = PostStatus.HIDDEN;
                                                hide = log.record(ModerationLog.SYSTEM, "post.auto-hide", "post", postId,
                                                        "weighted reports " + total + " reached " + config.hideThreshold());
                                            }
                                            return hide.call(() -> reviews.enqueue(postId, "REPORTED", 0, report.weight,
                                                            author.strikes, List.of()))
                                                    .replaceWith(new Filed(report, total, post.status));
                                        });
                            }));
                        }))
                .onFailure(DatabaseErrors::isUniqueViolation).transform(e -> ProblemException.conflict("already-reported",
                        "Already reported", "you already reported this post", Map.of("postId", postId.toString())));
    }
}
