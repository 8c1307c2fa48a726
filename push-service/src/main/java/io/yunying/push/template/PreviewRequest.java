package io.yunying.push.template;

import io.yunying.push.contact.Channel;
import jakarta.validation.constraints.NotBlank;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "TemplatePreviewInput")
public record PreviewRequest(@NotBlank @Schema(example = "user-10086") String externalId,
                             @Schema(description = "render as on this channel (a fallback); defaults to the template's") Channel channel) {
}
