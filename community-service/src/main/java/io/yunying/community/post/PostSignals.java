package io.yunying.community.post;

import io.smallrye.mutiny.Uni;
import io.yunying.community.emerging.EmergingService;
import io.yunying.community.trend.Signal;
import io.yunying.community.trend.SignalRecorder;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What community activity tells the hot-topic tracker, inside the activity's own transaction: a published post
 * is a signal for its hashtags acted by its author, a comment one for its thread's hashtags and its own acted by
 * the commenter, a like one for the liked post's hashtags acted by the liker; published text feeds
 * emerging-phrase discovery. Event ids derive from the post (and liker), so a retry, a post published again
 * after review or a like given twice counts once.
 */
@ApplicationScoped
public class PostSignals {

    private final PostRepository posts;
    private final SignalRecorder signals;
    private final EmergingService emerging;

    public PostSignals(PostRepository posts, SignalRecorder signals, EmergingService emerging) {
        this.posts = posts;
        this.signals = signals;
        this.emerging = emerging;
    }

    /** A post or comment became visible at {@code at} (when written, or when a moderator approved it). */
    public Uni<Void> published(Post post, Instant at) {
        Uni<List<String>> threadTags = post.threadId == null ? Uni.createFrom().item(List.of()) : posts.hashtags(post.threadId);
        return threadTags.chain(inherited -> posts.hashtags(post.id).chain(own -> {
            Set<String> topics = new LinkedHashSet<>(inherited);
            topics.addAll(own);
            UUID eventId = eventId((post.threadId == null ? "post.published:" : "post.commented:") + post.id);
            List<Signal> batch = topics.stream().map(t -> new Signal(eventId, t, post.authorId, 1, at)).toList();
            String text = (post.title == null ? "" : post.title + "\n") + post.body;
            return posts.getSession().chain(session -> signals.record(session, batch)
                    .chain(() -> emerging.collect(session, post.authorId, text, at)));
        }));
    }

    public Uni<Void> liked(Post post, String userId, Instant at) {
        UUID tagged = post.threadId == null ? post.id : post.threadId;
        UUID eventId = eventId("post.liked:" + post.id + ":" + userId);
        return posts.hashtags(tagged).chain(tags -> posts.getSession().chain(session -> signals.record(session,
                tags.stream().map(t -> new Signal(eventId, t, userId, 1, at)).toList()))).replaceWithVoid();
    }

    private static UUID eventId(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
