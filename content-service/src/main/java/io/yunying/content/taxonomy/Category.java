package io.yunying.content.taxonomy;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

@Schema(name = "Category")
public record Category(@Schema(example = "movies") String slug, @Schema(example = "影视") String name,
                       @Schema(description = "PGC in this category goes through human review") boolean requiresReview,
                       Instant createdAt, Instant updatedAt, long version) {
}
