package io.yunying.push.lifecycle;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.Map;

@Schema(name = "LifecycleRun")
public record LifecycleRun(@Schema(description = "contacts whose stage changed, each announced in the outbox") long changed,
                           Instant computedAt, Map<String, Long> stages) {
}
