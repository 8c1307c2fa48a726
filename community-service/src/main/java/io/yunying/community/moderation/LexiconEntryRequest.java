package io.yunying.community.moderation;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "LexiconEntryRequest", description = "A word (default), a regular expression, or an allow-list phrase. "
        + "Words and allow phrases are normalised like checked text; one normalising to a single character is refused.")
public record LexiconEntryRequest(
        @Schema(defaultValue = "WORD") EntryKind kind,
        @NotBlank @Size(max = 200) @Schema(example = "傻逼") String pattern,
        @Schema(defaultValue = "CUSTOM") Category category,
        @Schema(description = "required for WORD and REGEX, ignored for ALLOW", example = "BLOCK") Action action,
        @Min(1) @Max(10) @Schema(description = "weight in the review score, 1-10", defaultValue = "5") Integer severity,
        @Size(max = 500) String note) {

    EntryKind kindOrDefault() {
        return kind == null ? EntryKind.WORD : kind;
    }
}
