package io.yunying.push.event;

import io.yunying.platform.problem.Problem;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(name = "IngestResult")
public record IngestResult(
        @Schema(description = "events stored now") int accepted,
        @Schema(description = "events whose id was already stored, ignored") int duplicates,
        @Schema(description = "events refused, each error naming events[i].field") List<Problem.FieldError> rejected) {
}
