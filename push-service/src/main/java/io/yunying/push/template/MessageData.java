package io.yunying.push.template;

import java.util.HashMap;
import java.util.Map;

/** The variables a template sees, built from a contact (and a card and an unsubscribe link when there are). */
public final class MessageData {

    private MessageData() {
    }

    public static Map<String, Object> of(Map<String, Object> contact, Card card, String cardLink, String unsubscribeUrl) {
        Map<String, Object> data = new HashMap<>();
        data.put("contact", contact);
        if (card != null) {
            Map<String, Object> c = new HashMap<>();
            c.put("id", card.id());
            c.put("title", card.title());
            c.put("summary", card.summary());
            c.put("coverUrl", card.coverUrl());
            c.put("url", cardLink.replace("{id}", card.id() == null ? "" : card.id()));
            data.put("card", c);
        }
        if (unsubscribeUrl != null) {
            data.put("unsubscribeUrl", unsubscribeUrl);
        }
        return data;
    }

    /** A contact as templates see it; null values are left out so {x ?: 'default'} applies. */
    public static Map<String, Object> contact(String externalId, String region, String locale, String timeZone, String platform,
                                              String membershipTier, Object membershipExpiresAt, String ageBand, String gender,
                                              Map<String, Object> attributes) {
        Map<String, Object> c = new HashMap<>();
        put(c, "externalId", externalId);
        put(c, "region", region);
        put(c, "locale", locale);
        put(c, "timeZone", timeZone);
        put(c, "platform", platform);
        put(c, "membershipTier", membershipTier);
        put(c, "membershipExpiresAt", membershipExpiresAt == null ? null : membershipExpiresAt.toString());
        put(c, "ageBand", ageBand);
        put(c, "gender", gender);
        c.put("attributes", attributes == null ? Map.of() : attributes);
        return c;
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
