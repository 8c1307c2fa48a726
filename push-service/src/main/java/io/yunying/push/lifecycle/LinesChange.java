package io.yunying.push.lifecycle;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

@Schema(name = "LifecycleLinesChange")
public record LinesChange(@Schema(description = "the version the change made") long version, String changedBy, Instant changedAt,
                          LifecycleLines from, LifecycleLines to) {
}
