package io.yunying.community.appeal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A member's appeal against one decision: a sanction, or a review decision on their post. */
@Entity
@Table(name = "appeal")
public class Appeal {

    @Id
    public UUID id;

    @Column(name = "sanction_id")
    public UUID sanctionId;

    @Column(name = "review_item_id")
    public UUID reviewItemId;

    @Column(name = "appellant_id")
    public String appellantId;

    public String text;

    /** OPEN, UPHELD or REVERSED. */
    public String status;

    @Column(name = "resolved_by")
    public String resolvedBy;

    @Column(name = "resolution_note")
    public String resolutionNote;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "resolved_at")
    public Instant resolvedAt;
}
