package io.yunying.push.template;

import io.yunying.push.contact.Channel;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

@Schema(name = "Template")
public record TemplateView(UUID id, String key, String name, Channel channel, String topic, String defaultLocale,
                           String contentId, Map<String, TemplateContent> content, Instant createdAt, Instant updatedAt,
                           long version) {

    /** The copy for a locale: exact tag, then its language, then the default locale. */
    public TemplateContent localised(String locale) {
        if (locale != null) {
            TemplateContent exact = content.get(locale);
            if (exact != null) {
                return exact;
            }
            String language = locale.split("-")[0];
            for (Map.Entry<String, TemplateContent> e : content.entrySet()) {
                if (e.getKey().split("-")[0].equals(language)) {
                    return e.getValue();
                }
            }
        }
        return content.get(defaultLocale);
    }

    public String localeFor(String locale) {
        if (locale != null) {
            if (content.containsKey(locale)) {
                return locale;
            }
            String language = locale.split("-")[0];
            for (String tag : content.keySet()) {
                if (tag.split("-")[0].equals(language)) {
                    return tag;
                }
            }
        }
        return defaultLocale;
    }
}
