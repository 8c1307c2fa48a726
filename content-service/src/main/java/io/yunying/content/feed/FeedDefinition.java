package io.yunying.content.feed;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Schema(name = "FeedDefinition", description = "A curated feed: filters over published content, plus pinned slots")
public record FeedDefinition(String key, String title, String category, String tag, String type, String collection,
                             List<Pin> pins, long version) {

    @Schema(name = "FeedDefinitionRequest")
    public record Request(@NotBlank @Size(max = 100) @Schema(example = "首页推荐") String title,
                          @Size(max = 64) @Schema(example = "movies") String category,
                          @Size(max = 40) String tag,
                          @Schema(description = "ARTICLE, POST, VIDEO, AUDIO, GALLERY or LINK") io.yunying.content.item.ContentType type,
                          @Size(max = 120) @Schema(description = "slug of a 专题 collection whose items the feed shows") String collection) {
    }

    @Schema(name = "PinnedSlot", description = "An item shown at a fixed position while the slot is active")
    public record Pin(@NotNull @Positive @Schema(example = "1") Integer position, @NotNull UUID itemId,
                      Instant startsAt, Instant endsAt) {
    }

    @Schema(name = "PinsRequest")
    public record PinsRequest(@NotNull @Size(max = 50) List<@NotNull Pin> pins) {
    }
}
