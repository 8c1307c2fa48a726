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

    /** Reports a post or a member: exactly one of {@code postId} and {@code memberId}. */
    public Uni<Filed> file(UUID postId, String memberId, Actor reporter, ReportReason reason, String note) {
        if ((postId == null) == (memberId == null)) {
            throw ProblemException.invalid("postId", "name exactly one target: postId or memberId");
        }
        return memberId != null ? fileAgainstMember(memberId, reporter, reason, note) : fileAgainstPost(postId, reporter, reason, note);
    }

    /** The reporter's sanctions and hourly allowance, before any report. */
    private Uni<Void> mayReport(Actor reporter, Instant now) {
        return sanctions.guard(reporter.id(), SanctionService.Write.OTHER)
                .chain(() -> reports.nthNewestSince(reporter.id(), now.minus(Duration.ofHours(1)), config.perHour()))
                .invoke(blocking -> {
                    if (blocking != null) {
                        throw RateLimited.of("at most " + config.perHour() + " reports per hour",
                                RateLimited.secondsUntil(now, blocking.plus(Duration.ofHours(1))));
                    }
                })
                .replaceWithVoid();
    }

    /**
     * A report about a member (harassment across posts, a spam account, an impersonator). It weighs with the
     * reporter's trust like a post report and queues the member for review; nothing is hidden automatically.
     */
    private Uni<Filed> fileAgainstMember(String memberId, Actor reporter, ReportReason reason, String note) {
        Instant now = clock.instant();
        if (memberId.equals(reporter.id())) {
            throw ProblemException.invalid("memberId", "members cannot report themselves");
        }
        return Panache.withTransaction(() -> mayReport(reporter, now)
                        .chain(() -> standing.current(memberId))
                        .onItem().ifNull().failWith(() -> ProblemException.notFound("member", memberId))
                        .chain(member -> standing.of(reporter.id()).chain(reporterStanding -> {
                            Report report = new Report();
                            report.id = UUID.randomUUID();
                            report.memberId = memberId;
                            report.reporterId = reporter.id();
                            report.reason = reason;
                            report.note = note;
                            report.weight = reporterStanding.reportWeight(now);
                            report.createdAt = now;
                            return reports.persist(report).call(reports::flush)
                                    .call(() -> reviews.enqueueMember(memberId, report.weight, member.strikes))
                                    .chain(() -> reports.totalWeightAgainstMember(memberId))
                                    .map(total -> new Filed(report, total, null));
                        })))
                .onFailure(DatabaseErrors::isUniqueViolation).transform(e -> ProblemException.conflict("already-reported",
                        "Already reported", "you already reported this member", Map.of("memberId", memberId)));
    }

    private Uni<Filed> fileAgainstPost(UUID postId, Actor reporter, ReportReason reason, String note) {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> mayReport(reporter, now)
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
