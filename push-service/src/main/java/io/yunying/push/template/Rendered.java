package io.yunying.push.template;

import io.yunying.push.contact.Channel;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;

/** A template rendered for one contact on one channel, as the provider receives it. */
@Schema(name = "RenderedMessage")
public record Rendered(Channel channel, String locale, String title, String body, String subject, String html,
                       String deepLink, @Schema(description = "email headers such as List-Unsubscribe") Map<String, String> headers) {
}
