package io.yunying.push.contact;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An address on one channel: a push token (per device), an email address, a phone number. */
@Schema(name = "AddressInput")
public record AddressRequest(
        @NotBlank @Size(max = 512) @Schema(example = "someone@example.com") String address,
        @Size(max = 128) @Schema(description = "required for PUSH: one token per device", example = "ipad-7f3a") String deviceId) {
}
