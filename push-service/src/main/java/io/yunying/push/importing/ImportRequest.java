package io.yunying.push.importing;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ImportInput")
public record ImportRequest(@NotNull @Pattern(regexp = "csv|ndjson", message = "csv or ndjson") @Schema(example = "csv") String format) {
}
