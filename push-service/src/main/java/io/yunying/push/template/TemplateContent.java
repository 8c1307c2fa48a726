package io.yunying.push.template;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One locale's copy of a template. Every field is a Qute template over {@code contact}, {@code card}
 * (when the template names a content item) and, for email, {@code unsubscribeUrl}.
 */
@Schema(name = "TemplateContent")
public record TemplateContent(
        @Size(max = 200) @Schema(description = "push and in-app title", example = "{contact.attributes.nickname ?: '朋友'}，新文章上线") String title,
        @Size(max = 4000) @Schema(description = "push, in-app and SMS text; the email's plain-text part", example = "{card.title}") String body,
        @Size(max = 300) @Schema(description = "email subject", example = "本周精选：{card.title}") String subject,
        @Size(max = 200_000) @Schema(description = "email HTML; links are tracked, the unsubscribe footer is added when the HTML has none") String html,
        @Size(max = 2000) @Schema(description = "where a tap leads (app deep link or web URL)", example = "yunying://content/{card.id}") String deepLink) {
}
