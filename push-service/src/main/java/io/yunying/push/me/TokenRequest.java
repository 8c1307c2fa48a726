package io.yunying.push.me;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "PushTokenInput")
public record TokenRequest(@NotBlank @Size(max = 512) @Schema(example = "fcm:dQw4w9WgXcQ...") String token) {
}
