package io.yunying.push.delivery;

import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A claimed delivery with what the send-time rules need: the contact, and per channel to try (the
 * main one first) its address, consent and what was sent to the contact on it in the last day and week.
 */
record Claimed(long id, String sourceKind, UUID sourceId, String occurrence, UUID contactId, String variant, UUID templateId,
               List<UUID> fallbackTemplates, int attempts, boolean erased,
               String externalId, String platform, String locale, String timeZone, String region, String membershipTier,
               Object membershipExpiresAt, String ageBand, String gender, Map<String, Object> attributes,
               LocalTime dndStart, LocalTime dndEnd, String unsubscribeToken, List<Option> options) {

    record Option(String channel, String address, boolean granted, long sentToday, long sentThisWeek) {
    }

    boolean test() {
        return "TEST".equals(sourceKind);
    }

    /** The template for the i-th option: the main one, or the fallback channel's own when there is one. */
    UUID templateFor(int option) {
        if (option == 0 || fallbackTemplates.size() < option || fallbackTemplates.get(option - 1) == null) {
            return templateId;
        }
        return fallbackTemplates.get(option - 1);
    }
}
