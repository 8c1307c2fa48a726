package io.yunying.content.collection;

import io.yunying.content.feed.Card;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Schema(name = "Collection", description = "A 专题: an ordered, curated list of items, publishable on its own")
public record CollectionView(UUID id, String slug, String title, String coverUrl, String description, String state,
                             @Schema(description = "the curated order; apps see only live items") List<Card> items,
                             @Schema(description = "every member in order, live or not (editors only)") List<UUID> itemIds,
                             Instant createdAt, Instant updatedAt, long version) {

    @Schema(name = "CollectionRequest")
    public record Request(@NotBlank @Size(max = 200) @Schema(example = "春节档专题") String title,
                          @Size(max = 2000) @Pattern(regexp = "https?://\\S+", message = "an http(s) URL") String coverUrl,
                          @Size(max = 2000) String description) {
    }

    @Schema(name = "CollectionItemsRequest")
    public record ItemsRequest(@NotNull @Size(max = 500) List<@NotNull UUID> itemIds) {
    }
}
