package io.yunying.community.review;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A post waiting for a moderator (held or flagged by the check, or reported), or a member reported by members. */
@Entity
@Table(name = "review_item")
public class ReviewItem {

    @Id
    public UUID id;

    @Column(name = "post_id")
    public UUID postId;

    /** The member reported, for an item about a member (then postId is null). */
    @Column(name = "member_id")
    public String memberId;

    /** HELD, FLAGGED or REPORTED: why it entered the queue. */
    public String reason;

    /** OPEN or DECIDED. */
    public String status;

    @Column(name = "rule_severity")
    public int ruleSeverity;

    @Column(name = "report_weight")
    public double reportWeight;

    @Column(name = "author_strikes")
    public int authorStrikes;

    public double score;

    @Column(name = "rule_ids")
    public String ruleIds;

    @Column(name = "claimed_by")
    public String claimedBy;

    @Column(name = "claim_expires_at")
    public Instant claimExpiresAt;

    /** APPROVE, REMOVE or MASK once decided. */
    public String decision;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "decision_note")
    public String decisionNote;

    @Column(name = "created_at")
    public Instant createdAt;
}
