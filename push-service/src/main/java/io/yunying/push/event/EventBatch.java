package io.yunying.push.event;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(name = "EventBatch")
public record EventBatch(@NotNull @Size(min = 1, max = 1000) List<EventInput> events) {
}
