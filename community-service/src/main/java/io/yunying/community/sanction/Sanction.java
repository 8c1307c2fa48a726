package io.yunying.community.sanction;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "sanction")
public class Sanction {

    @Id
    public UUID id;

    @Column(name = "user_id")
    public String userId;

    @Enumerated(EnumType.STRING)
    public SanctionType type;

    public String reason;

    /** The review decision that led to it, when it came from the queue. */
    @Column(name = "review_item_id")
    public UUID reviewItemId;

    @Column(name = "issued_by")
    public String issuedBy;

    @Column(name = "starts_at")
    public Instant startsAt;

    /** Null only for a permanent ban. */
    @Column(name = "ends_at")
    public Instant endsAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "revoked_by")
    public String revokedBy;

    @Column(name = "revoke_reason")
    public String revokeReason;

    public boolean activeAt(Instant now) {
        return revokedAt == null && !startsAt.isAfter(now) && (endsAt == null || endsAt.isAfter(now));
    }
}
