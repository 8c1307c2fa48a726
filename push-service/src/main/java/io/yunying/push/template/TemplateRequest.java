package io.yunying.push.template;

import io.yunying.push.contact.Channel;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;

@Schema(name = "TemplateInput")
public record TemplateRequest(
        @NotBlank @Pattern(regexp = TemplateService.KEY, message = "lower-case letters, digits, _ or -, at most 64") @Schema(example = "weekly-digest-email") String key,
        @NotBlank @Size(max = 200) String name,
        @NotNull Channel channel,
        @Pattern(regexp = "\\*|[a-z0-9][a-z0-9_-]{0,63}", message = "a topic is lower-case letters, digits, _ or -; * means the whole channel")
        @Schema(description = "the consent topic; absent or * means the whole channel", example = "promotions") String topic,
        @NotBlank @Pattern(regexp = "[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", message = "a BCP 47 tag such as zh-CN or en") @Schema(example = "zh-CN") String defaultLocale,
        @Size(max = 64) @Schema(description = "a published content-service item shown as {card.*}") String contentId,
        @NotEmpty @Size(max = 20) @Schema(description = "copy per locale; must include the default locale") Map<String, @Valid @NotNull TemplateContent> content) {
}
