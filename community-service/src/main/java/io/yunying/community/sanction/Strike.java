package io.yunying.community.sanction;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A mark against a member: an upheld removal of their content, or a sanction a moderator issued. Live
 * strikes (not revoked, not yet decayed) choose the next graduated sanction and lower the member's trust.
 */
@Entity
@Table(name = "strike")
public class Strike {

    @Id
    public UUID id;

    @Column(name = "user_id")
    public String userId;

    public String reason;

    /** The review decision it came from, when it came from the queue. */
    @Column(name = "review_item_id")
    public UUID reviewItemId;

    /** The sanction it led to or came with. */
    @Column(name = "sanction_id")
    public UUID sanctionId;

    @Column(name = "created_at")
    public Instant createdAt;

    /** When it stops counting (the configured decay after it was given). */
    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "revoked_by")
    public String revokedBy;
}
