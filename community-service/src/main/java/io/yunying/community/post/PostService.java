package io.yunying.community.post;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.yunying.community.board.Board;
import io.yunying.community.board.BoardRepository;
import io.yunying.community.moderation.Decision;
import io.yunying.community.moderation.Lexicon;
import io.yunying.community.moderation.ModerationService;
import io.yunying.community.moderation.SimHash;
import io.yunying.community.modlog.ModerationLog;
import io.yunying.community.review.ReviewService;
import io.yunying.community.sanction.SanctionService;
import io.yunying.community.standing.MemberStanding;
import io.yunying.community.standing.StandingService;
import io.yunying.community.support.Actor;
import io.yunying.community.support.Cursor;
import io.yunying.community.support.RateLimited;
import io.yunying.platform.http.Versions;
import io.yunying.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Writing and reading posts and comments. Every write passes the sanction guard, the posting limits
 * of the author's trust level and the moderation check; the check's verdict decides the post's status.
 */
@ApplicationScoped
public class PostService {

    /** A created post with the verdict that shaped it. */
    public record Created(Post post, List<String> hashtags, Lexicon.Result verdict, boolean duplicate) {
    }

    static final String DUPLICATE_RULE = "spam:duplicate";

    private final PostRepository posts;
    private final BoardRepository boards;
    private final ModerationService moderation;
    private final SanctionService sanctions;
    private final StandingService standing;
    private final ReviewService reviews;
    private final ModerationLog log;
    private final PostSignals signals;
    private final PostingConfig config;
    private final Clock clock;

    public PostService(PostRepository posts, BoardRepository boards, ModerationService moderation, SanctionService sanctions,
                       StandingService standing, ReviewService reviews, ModerationLog log, PostSignals signals,
                       PostingConfig config, Clock clock) {
        this.posts = posts;
        this.boards = boards;
        this.moderation = moderation;
        this.sanctions = sanctions;
        this.standing = standing;
        this.reviews = reviews;
        this.log = log;
        this.signals = signals;
        this.config = config;
        this.clock = clock;
    }

    public Uni<Created> createPost(String boardSlug, String authorId, String title, String body) {
        return Panache.withSession(() -> boards.findBySlug(boardSlug)
                        .onItem().ifNull().failWith(() -> ProblemException.notFound("board", boardSlug)))
                .chain(board -> write(board, null, null, authorId, title, body));
    }

    public Uni<Created> createComment(UUID postId, UUID parentId, Actor actor, String body) {
        return Panache.withSession(() -> posts.findById(postId)
                        .onItem().ifNull().failWith(() -> ProblemException.notFound("post", postId))
                        .chain(post -> {
                            if (post.threadId != null) {
                                throw ProblemException.invalid("postId", "comments attach to a post; answer a comment with parentId");
                            }
                            if (post.status != PostStatus.PUBLISHED) {
                                throw ProblemException.conflict("post-not-open", "Post not open for comments",
                                        "the post is " + post.status, Map.of("status", post.status.name()));
                            }
                            if (parentId == null) {
                                return Uni.createFrom().item(post);
                            }
                            return posts.findById(parentId).map(parent -> {
                                if (parent == null || !postId.equals(parent.threadId)) {
                                    throw ProblemException.invalid("parentId", "not a comment of this post");
                                }
                                return post;
                            });
                        })
                        .chain(post -> boards.findById(post.boardId).map(board -> Map.entry(board, post))))
                .chain(found -> write(found.getKey(), found.getValue().id, parentId, actor.id(), null, body));
    }

    /** Checks with the author's trust level (links allowed) and the board as context (a strict board holds FLAG hits). */
    private Uni<Created> write(Board board, UUID threadId, UUID parentId, String authorId, String title, String body) {
        return Panache.withSession(() -> standing.current(authorId)).chain(known -> write(board.id, threadId, parentId, authorId,
                title, body, moderation.screening(known == null ? 0 : known.trustLevel(clock.instant()),
                        threadId == null ? "post" : "comment", Map.of("board", board.slug))));
    }

    private Uni<Created> write(UUID boardId, UUID threadId, UUID parentId, String authorId, String title, String body,
                               ModerationService.Screening screening) {
        Instant now = clock.instant();
        Lexicon.Result titleVerdict = title == null ? null : moderation.check(title, screening);
        Lexicon.Result bodyVerdict = moderation.check(body, screening);
        Decision decision = strongest(titleVerdict, bodyVerdict);
        if (decision == Decision.BLOCK) {
            List<String> rules = ruleIds(titleVerdict, bodyVerdict);
            // The refusal is logged in its own transaction: the post itself is never stored.
            return Panache.withTransaction(() -> log.record(ModerationLog.SYSTEM, "post.blocked", "member", authorId,
                            "rules " + String.join(",", rules)))
                    .chain(() -> Uni.createFrom().failure(new ProblemException(422, "content-blocked", "Content blocked",
                            "the text contains words this community does not allow", List.of(),
                            Map.of("categories", categories(titleVerdict, bodyVerdict), "ruleIds", rules))));
        }
        return Panache.withTransaction(() -> sanctions.guard(authorId, SanctionService.Write.POST)
                .chain(() -> standing.of(authorId))
                .call(member -> withinRate(member, authorId, now))
                .chain(member -> posts.recentSimhashes(authorId, now.minus(Duration.ofDays(1))).chain(recent -> {
                    long hash = SimHash.of(body);
                    boolean duplicate = recent.stream().anyMatch(h -> SimHash.distance(h, hash) <= config.duplicateDistance());
                    Post post = new Post();
                    post.id = UUID.randomUUID();
                    post.boardId = boardId;
                    post.threadId = threadId;
                    post.parentId = parentId;
                    post.authorId = authorId;
                    post.title = title == null ? null : titleVerdict.maskedText();
                    post.body = bodyVerdict.maskedText();
                    post.originalBody = bodyVerdict.maskedText().equals(body) ? null : body;
                    post.status = decision == Decision.REVIEW || duplicate ? PostStatus.HELD : PostStatus.PUBLISHED;
                    post.simhash = hash;
                    post.createdAt = now;
                    List<String> tags = Hashtags.extract((title == null ? "" : post.title + " ") + post.body);
                    boolean flagged = bodyVerdict.flagged() || (titleVerdict != null && titleVerdict.flagged());
                    List<String> rules = ruleIds(titleVerdict, bodyVerdict);
                    if (duplicate) {
                        rules.add(DUPLICATE_RULE);
                    }
                    int severity = Math.max(bodyVerdict.severity(), titleVerdict == null ? 0 : titleVerdict.severity());
                    return posts.persist(post)
                            .call(() -> posts.flush())
                            .call(() -> posts.saveHashtags(post.id, tags))
                            .call(() -> standing.addPost(authorId))
                            .call(() -> post.status == PostStatus.PUBLISHED ? signals.published(post, now) : Uni.createFrom().voidItem())
                            .call(() -> followUp(post, flagged, severity, member.strikes, rules, post.originalBody != null))
                            .map(saved -> new Created(post, tags, bodyVerdict, duplicate));
                })));
    }

    /**
     * The author edits their post or comment. The new text goes through the check again, like a new post: a
     * BLOCK hit refuses the edit (nothing changes), a REVIEW hit holds a published post, FLAG queues it, MASK
     * masks. An edit never releases a held or hidden post: that stays a moderator's decision. The caller's
     * version must be the current one.
     */
    public Uni<Edited> edit(UUID id, Actor actor, long expectedVersion, String title, String body) {
        return Panache.withSession(() -> posts.findById(id).chain(post -> {
                    requireOwnEditable(post, id, actor);
                    return boards.findById(post.boardId).chain(board -> standing.current(actor.id())
                            .map(known -> moderation.screening(known == null ? 0 : known.trustLevel(clock.instant()),
                                    post.threadId == null ? "post" : "comment", Map.of("board", board.slug))));
                }))
                .chain(screening -> {
                    Lexicon.Result titleVerdict = title == null ? null : moderation.check(title, screening);
                    Lexicon.Result bodyVerdict = moderation.check(body, screening);
                    if (strongest(titleVerdict, bodyVerdict) == Decision.BLOCK) {
                        List<String> rules = ruleIds(titleVerdict, bodyVerdict);
                        return Panache.withTransaction(() -> log.record(ModerationLog.SYSTEM, "post.edit-blocked", "post", id,
                                        "rules " + String.join(",", rules)))
                                .chain(() -> Uni.createFrom().failure(new ProblemException(422, "content-blocked", "Content blocked",
                                        "the text contains words this community does not allow", List.of(),
                                        Map.of("categories", categories(titleVerdict, bodyVerdict), "ruleIds", rules))));
                    }
                    return Panache.withTransaction(() -> sanctions.guard(actor.id(), SanctionService.Write.POST)
                            .chain(() -> posts.findById(id))
                            .chain(post -> {
                                requireOwnEditable(post, id, actor);
                                Versions.check(expectedVersion, post.version);
                                if (title != null && post.threadId != null) {
                                    throw ProblemException.invalid("title", "comments have no title");
                                }
                                return applyEdit(post, title, body, titleVerdict, bodyVerdict);
                            }));
                });
    }

    /** An edited post with the verdict on its new text. */
    public record Edited(Post post, List<String> hashtags, Lexicon.Result verdict) {
    }

    private Uni<Edited> applyEdit(Post post, String title, String body, Lexicon.Result titleVerdict, Lexicon.Result bodyVerdict) {
        Decision decision = strongest(titleVerdict, bodyVerdict);
        if (title != null) {
            post.title = titleVerdict.maskedText();
        }
        post.body = bodyVerdict.maskedText();
        post.originalBody = bodyVerdict.maskedText().equals(body) ? null : body;
        post.simhash = SimHash.of(body);
        post.editedAt = clock.instant();
        if (decision == Decision.REVIEW && post.status == PostStatus.PUBLISHED) {
            post.status = PostStatus.HELD;
        }
        boolean flagged = bodyVerdict.flagged() || (titleVerdict != null && titleVerdict.flagged());
        int severity = Math.max(bodyVerdict.severity(), titleVerdict == null ? 0 : titleVerdict.severity());
        List<String> rules = ruleIds(titleVerdict, bodyVerdict);
        List<String> tags = Hashtags.extract((post.title == null ? "" : post.title + " ") + post.body);
        boolean queue = decision == Decision.REVIEW || flagged;
        return posts.flush()
                .call(() -> posts.replaceHashtags(post.id, tags))
                .call(() -> standing.current(post.authorId).chain(member -> queue || post.originalBody != null
                        ? followUp(post, flagged || decision == Decision.REVIEW, severity, member.strikes, rules,
                                post.originalBody != null)
                        : Uni.createFrom().voidItem()))
                .map(saved -> new Edited(post, tags, bodyVerdict));
    }

    /** The author deletes their post or comment: it becomes a tombstone. Deleting twice changes nothing. */
    public Uni<Void> delete(UUID id, Actor actor, Long expectedVersion) {
        return Panache.withTransaction(() -> posts.findById(id).chain(post -> {
            if (post == null || !post.authorId.equals(actor.id())) {
                throw post == null || !post.visibleTo(actor.id(), actor.staff()) ? ProblemException.notFound("post", id)
                        : new ProblemException(403, "not-author", "Not your post", "members delete only their own posts");
            }
            if (post.status == PostStatus.DELETED) {
                return Uni.createFrom().voidItem();
            }
            if (post.status == PostStatus.REMOVED) {
                throw ProblemException.conflict("post-removed", "Removed by a moderator",
                        "a removed post cannot be deleted; appeal the decision instead", Map.of("status", post.status.name()));
            }
            Versions.check(expectedVersion, post.version);
            post.status = PostStatus.DELETED;
            post.deletedAt = clock.instant();
            return posts.flush().replaceWithVoid();
        }));
    }

    private static void requireOwnEditable(Post post, UUID id, Actor actor) {
        if (post == null || !post.visibleTo(actor.id(), actor.staff()) && !post.authorId.equals(actor.id())
                && post.status != PostStatus.DELETED) {
            throw ProblemException.notFound("post", id);
        }
        if (!post.authorId.equals(actor.id())) {
            throw new ProblemException(403, "not-author", "Not your post", "members edit only their own posts");
        }
        if (post.status == PostStatus.REMOVED || post.status == PostStatus.DELETED) {
            throw ProblemException.conflict("post-not-editable", "Post not editable", "the post is " + post.status,
                    Map.of("status", post.status.name()));
        }
    }

    /** Queues what the check held or flagged, and logs every automatic action. */
    private Uni<Void> followUp(Post post, boolean flagged, int severity, int strikes, List<String> rules, boolean masked) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        String why = rules.isEmpty() ? null : "rules " + String.join(",", rules);
        if (masked) {
            chain = chain.call(() -> log.record(ModerationLog.SYSTEM, "post.masked", "post", post.id, why));
        }
        if (post.status == PostStatus.HELD) {
            return chain.call(() -> reviews.enqueue(post.id, "HELD", severity, 0, strikes, rules))
                    .call(() -> log.record(ModerationLog.SYSTEM, "post.held", "post", post.id, why));
        }
        if (flagged) {
            return chain.call(() -> reviews.enqueue(post.id, "FLAGGED", severity, 0, strikes, rules))
                    .call(() -> log.record(ModerationLog.SYSTEM, "post.flagged", "post", post.id, why));
        }
        return chain;
    }

    private Uni<Void> withinRate(MemberStanding member, String authorId, Instant now) {
        int level = member.trustLevel(now);
        List<Integer> limits = config.perHour();
        int limit = limits.get(Math.min(level, limits.size() - 1));
        Instant windowStart = now.minus(Duration.ofHours(1));
        // The limit-th newest write of the window is the one that must leave it before the next write fits.
        return posts.nthNewestSince(authorId, windowStart, limit).invoke(blocking -> {
            if (blocking != null) {
                throw RateLimited.of("trust level " + level + " allows " + limit + " posts and comments per hour",
                        RateLimited.secondsUntil(now, blocking.plus(Duration.ofHours(1))));
            }
        }).replaceWithVoid();
    }

    /** A post the viewer may see; a deleted one is returned too, for the caller to show as a tombstone. */
    public Uni<Post> get(UUID id, Actor viewer) {
        return Panache.withSession(() -> posts.findById(id)).map(post -> {
            if (post == null || !post.visibleTo(viewer.id(), viewer.staff()) && post.status != PostStatus.DELETED) {
                throw ProblemException.notFound("post", id);
            }
            return post;
        });
    }

    public Uni<List<String>> hashtags(UUID id) {
        return Panache.withSession(() -> posts.hashtags(id));
    }

    public Uni<List<Post>> boardPage(String slug, Cursor before, int limit) {
        return Panache.withSession(() -> boards.findBySlug(slug)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("board", slug))
                .chain(board -> posts.boardPage(board.id, before == null ? null : before.instant(),
                        before == null ? null : before.id(), limit)));
    }

    /** A page of the board's hot sort: the posts with their ranks, in rank order. */
    public record HotPage(Instant reference, List<PostRepository.Ranked> ranks, Map<UUID, Post> posts) {
    }

    public Uni<HotPage> boardHot(String slug, Instant reference, Double afterRank, UUID afterId, int limit) {
        Instant at = reference == null ? clock.instant() : reference;
        PostingConfig.Hot hot = config.hot();
        return Panache.withSession(() -> boards.findBySlug(slug)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("board", slug))
                .chain(board -> posts.boardHot(board.id, at, at.minus(hot.horizon()), hot.offset(), hot.gravity(), afterRank, afterId, limit))
                .chain(ranks -> posts.byIds(ranks.stream().map(PostRepository.Ranked::id).toList())
                        .map(found -> {
                            Map<UUID, Post> byId = new java.util.HashMap<>();
                            found.forEach(p -> byId.put(p.id, p));
                            return new HotPage(at, ranks, byId);
                        })));
    }

    public Uni<List<Post>> comments(UUID postId, Actor viewer, Cursor after, int limit) {
        return get(postId, viewer).chain(post -> Panache.withSession(() -> posts.threadPage(postId,
                after == null ? null : after.instant(), after == null ? null : after.id(), limit)));
    }

    public Uni<Integer> like(UUID postId, Actor actor, boolean liked) {
        return Panache.withTransaction(() -> sanctions.guard(actor.id(), SanctionService.Write.OTHER)
                .chain(() -> posts.findById(postId))
                .chain(post -> {
                    if (post == null || !post.visibleTo(actor.id(), actor.staff())) {
                        throw ProblemException.notFound("post", postId);
                    }
                    return posts.like(postId, actor.id(), clock.instant(), liked)
                            .call(() -> liked && post.status == PostStatus.PUBLISHED ? signals.liked(post, actor.id(), clock.instant()) : Uni.createFrom().voidItem());
                }));
    }

    private static Decision strongest(Lexicon.Result a, Lexicon.Result b) {
        Decision d = b.decision();
        if (a != null && a.decision().compareTo(d) > 0) {
            d = a.decision();
        }
        return d;
    }

    private static List<String> ruleIds(Lexicon.Result title, Lexicon.Result body) {
        Set<String> ids = new LinkedHashSet<>(body.ruleIds());
        if (title != null) {
            ids.addAll(title.ruleIds());
        }
        return new ArrayList<>(ids);
    }

    private static List<String> categories(Lexicon.Result title, Lexicon.Result body) {
        Set<String> c = new LinkedHashSet<>();
        body.hits().forEach(h -> c.add(h.category().name()));
        if (title != null) {
            title.hits().forEach(h -> c.add(h.category().name()));
        }
        return new ArrayList<>(c);
    }
}
