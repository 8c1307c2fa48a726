package io.yunying.community.moderation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A moderator's lexicon entry: a word, a regular expression or an allow-list phrase. */
@Entity
@Table(name = "lexicon_entry")
public class LexiconEntry {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    public EntryKind kind;

    public String pattern;

    @Column(name = "normalised_key")
    public String normalisedKey;

    @Enumerated(EnumType.STRING)
    public Category category;

    @Enumerated(EnumType.STRING)
    public Action action;

    public int severity;

    public String note;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;
}
