package io.yunying.content.ugc;

import io.yunying.content.item.ContentType;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(name = "UgcSubmission", description = "A piece an app user submits; the author is the signed-in user")
public record UgcRequest(
        @NotNull @Schema(example = "POST") ContentType type,
        @NotBlank @Size(max = 200) @Schema(example = "我的第一个全马") String title,
        @Size(max = 1000) @Schema(example = "从五公里到四十二公里") String summary,
        @Size(max = 100_000) @Schema(description = "rich text; sanitised before it is stored", example = "<p>三十公里之后，全靠意志。</p>") String body,
        @Size(max = 2000) @Pattern(regexp = "https?://\\S+", message = "an http(s) URL") @Schema(example = "https://cdn.example.com/img/run.jpg") String coverUrl,
        @Size(max = 20) List<@NotNull @Size(max = 2000) @Pattern(regexp = "https?://\\S+", message = "an http(s) URL") String> mediaUrls,
        @Size(max = 64) @Schema(example = "sports") String category,
        @Size(max = 20) @Schema(example = "[\"跑步\", \"马拉松\"]") List<@NotBlank @Size(max = 40) String> tags,
        @Pattern(regexp = "[a-z]{2}(-[A-Za-z]{2,4})?", message = "a language tag such as zh-CN or en") @Schema(example = "zh-CN") String locale) {
}
