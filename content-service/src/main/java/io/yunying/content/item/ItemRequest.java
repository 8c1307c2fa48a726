package io.yunying.content.item;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(name = "UpdateContentItem", description = "The editable fields of an item; the whole working copy is replaced")
public record ItemRequest(
        @NotBlank @Size(max = 200) @Schema(example = "春节档电影盘点（更新）") String title,
        @Size(max = 1000) String summary,
        @Size(max = 200_000) @Schema(description = "rich text; sanitised before it is stored", example = "<p>六部影片</p>") String body,
        @Size(max = 2000) @Pattern(regexp = "https?://\\S+", message = "an http(s) URL") String coverUrl,
        @Size(max = 20) List<@NotNull @Size(max = 2000) @Pattern(regexp = "https?://\\S+", message = "an http(s) URL") String> mediaUrls,
        @Size(max = 64) @Schema(example = "movies") String category,
        @Size(max = 20) List<@NotBlank @Size(max = 40) String> tags) {
}
