package io.yunying.community.report;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "report")
public class Report {

    @Id
    public UUID id;

    @Column(name = "post_id")
    public UUID postId;

    @Column(name = "reporter_id")
    public String reporterId;

    /** The member reported, when the report is about a member rather than a post. */
    @Column(name = "member_id")
    public String memberId;

    @Enumerated(EnumType.STRING)
    public ReportReason reason;

    public String note;

    /** The reporter's trust-based weight when they reported. */
    public double weight;

    @Column(name = "created_at")
    public Instant createdAt;
}
