package io.yunying.push.importing;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

@Schema(name = "ImportJob")
public record ImportJob(UUID id, String format, int parts, long rowsReceived, long rowsUpserted, long rowsRejected,
                        String createdBy, Instant createdAt, Instant updatedAt) {
}
