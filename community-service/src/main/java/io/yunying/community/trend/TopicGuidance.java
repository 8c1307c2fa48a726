package io.yunying.community.trend;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** What operators decided about a topic: approved past the review gate, blocked, pinned at a position until a time. */
@Entity
@Table(name = "topic_guidance")
public class TopicGuidance {

    @Id
    public String topic;

    public boolean approved;

    public boolean blocked;

    @Column(name = "pin_position")
    public Integer pinPosition;

    @Column(name = "pinned_until")
    public Instant pinnedUntil;

    @Column(name = "updated_by")
    public String updatedBy;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public boolean pinnedAt(Instant now) {
        return pinPosition != null && pinnedUntil != null && pinnedUntil.isAfter(now) && !blocked;
    }
}
