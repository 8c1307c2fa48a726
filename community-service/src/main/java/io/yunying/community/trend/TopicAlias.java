package io.yunying.community.trend;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A synonym merged into a canonical topic: its signals count for the canonical one. */
@Entity
@Table(name = "topic_alias")
public class TopicAlias {

    @Id
    public String alias;

    public String canonical;

    @Column(name = "merged_by")
    public String mergedBy;

    @Column(name = "merged_at")
    public Instant mergedAt;
}
