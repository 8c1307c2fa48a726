package io.yunying.content.taxonomy;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "CategoryRequest")
public record CategoryRequest(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "lower-case letters, digits and single hyphens")
        @Schema(example = "movies") String slug,
        @NotBlank @Size(max = 60) @Schema(example = "影视") String name,
        Boolean requiresReview) {
}
