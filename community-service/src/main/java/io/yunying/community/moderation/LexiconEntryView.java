package io.yunying.community.moderation;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

@Schema(name = "LexiconEntry")
public record LexiconEntryView(UUID id, EntryKind kind, String pattern, String normalisedKey, Category category,
                               Action action, int severity, String note, String createdBy, Instant createdAt) {

    static LexiconEntryView of(LexiconEntry e) {
        return new LexiconEntryView(e.id, e.kind, e.pattern, e.normalisedKey, e.category, e.action, e.severity, e.note,
                e.createdBy, e.createdAt);
    }
}
