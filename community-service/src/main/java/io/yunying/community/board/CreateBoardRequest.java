package io.yunying.community.board;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "CreateBoard")
public record CreateBoardRequest(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "lower-case letters, digits and single hyphens")
        @Schema(example = "movies") String slug,
        @NotBlank @Size(max = 80) @Schema(example = "电影圈") String name,
        @Size(max = 1000) String description) {
}
