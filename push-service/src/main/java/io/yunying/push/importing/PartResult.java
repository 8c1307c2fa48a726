package io.yunying.push.importing;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(name = "ImportPartResult")
public record PartResult(int part, boolean alreadyApplied, long rows, long upserted, long rejected,
                         @Schema(description = "this part's refused rows as row N: field (rows numbered from 1 across the import)")
                         List<RowError> errors, ImportJob job) {

    @Schema(name = "ImportRowError")
    public record RowError(long row, String field, String message) {
    }

    static PartResult replay(int part, ImportJob job) {
        return new PartResult(part, true, 0, 0, 0, List.of(), job);
    }
}
