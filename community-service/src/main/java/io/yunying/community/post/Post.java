package io.yunying.community.post;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A post, or a comment when {@code threadId} is set. */
@Entity
@Table(name = "post")
public class Post {

    @Id
    public UUID id;

    @Column(name = "board_id")
    public UUID boardId;

    @Column(name = "thread_id")
    public UUID threadId;

    @Column(name = "parent_id")
    public UUID parentId;

    @Column(name = "author_id")
    public String authorId;

    public String title;

    /** What readers see: masked where the lexicon says MASK. */
    public String body;

    /** The author's own text when the body was masked; moderators only. */
    @Column(name = "original_body")
    public String originalBody;

    @Enumerated(EnumType.STRING)
    public PostStatus status;

    @Column(name = "like_count")
    public int likeCount;

    public long simhash;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "edited_at")
    public Instant editedAt;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    @Version
    public long version;

    public boolean visibleTo(String userId, boolean staff) {
        return status == PostStatus.PUBLISHED || staff
                || (status != PostStatus.REMOVED && status != PostStatus.DELETED && authorId.equals(userId));
    }
}
