package io.yunying.push.consent;

import io.yunying.push.contact.Channel;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ConsentInput")
public record ConsentRequest(
        @NotNull Channel channel,
        @Pattern(regexp = ConsentService.TOPIC, message = "a topic is lower-case letters, digits, _ or -; * means the whole channel")
        @Schema(description = "a topic inside the channel; absent or * means the whole channel", example = "promotions") String topic,
        @NotNull ConsentStatus status,
        @Size(max = 64) @Schema(description = "where the choice was made; defaults to who made the call", example = "signup-form") String source) {
}
