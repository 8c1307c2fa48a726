package io.yunying.content.item;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "content_item")
public class ContentItem {

    @Id
    public UUID id;

    public String slug;

    @Enumerated(EnumType.STRING)
    public ContentType type;

    @Enumerated(EnumType.STRING)
    public ContentSource source;

    @Enumerated(EnumType.STRING)
    public ContentState state;

    public String title;

    public String summary;

    public String author;

    public String locale;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;
}
