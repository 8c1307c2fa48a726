package io.yunying.content.item;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(name = "CreateContentItem", description = "A new piece of content; it starts as a draft")
public record CreateItemRequest(
        @NotNull ContentType type,
        @NotNull ContentSource source,
        @NotBlank @Size(max = 200) @Schema(example = "春节档电影盘点") String title,
        @Size(max = 1000) String summary,
        @NotBlank @Size(max = 120) @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "lower-case letters, digits and single hyphens")
        @Schema(example = "spring-festival-movies") String slug,
        @NotBlank @Size(max = 64) @Schema(example = "editor-li") String author,
        @Pattern(regexp = "[a-z]{2}(-[A-Za-z]{2,4})?", message = "a language tag such as zh-CN or en") @Schema(example = "zh-CN") String locale,
        @Size(max = 200_000) @Schema(description = "rich text; sanitised before it is stored", example = "<p>六部影片</p>") String body,
        @Size(max = 2000) @Pattern(regexp = "https?://\\S+", message = "an http(s) URL") String coverUrl,
        @Size(max = 20) List<@NotNull @Size(max = 2000) @Pattern(regexp = "https?://\\S+", message = "an http(s) URL") String> mediaUrls,
        @Size(max = 64) @Schema(example = "movies") String category,
        @Size(max = 20) List<@NotBlank @Size(max = 40) String> tags) {
}
