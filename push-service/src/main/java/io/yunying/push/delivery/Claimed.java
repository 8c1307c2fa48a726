package io.yunying.push.delivery;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A claimed delivery with what the send-time rules need: the contact, and per channel to try (the
 * main one first) its address, consent and what was sent to the contact on it in the last day and
 * week. The claim reads the main channel only; {@code fallback} names the others, whose options are
 * added when the main channel cannot be used.
 */
record Claimed(long id, String sourceKind, UUID sourceId, String occurrence, UUID contactId, String variant, UUID templateId,
               List<UUID> fallbackTemplates, int attempts, boolean erased, boolean transactional,
               String externalId, String platform, String locale, String timeZone, String region, String membershipTier,
               Object membershipExpiresAt, String ageBand, String gender, Map<String, Object> attributes,
               LocalTime dndStart, LocalTime dndEnd, String unsubscribeToken, List<Option> options, List<String> fallback) {

    record Option(String channel, String address, boolean granted, long sentToday, long sentThisWeek) {

        /** Reachable: an address and consent (a test send needs the address only). */
        boolean usable(boolean test) {
            return address != null && (granted || test);
        }
    }

    boolean test() {
        return "TEST".equals(sourceKind);
    }

    /** The main channel cannot be used and there are fallback channels whose options are not read yet. */
    boolean needsFallback() {
        return !erased && options.size() == 1 && !fallback.isEmpty() && !options.get(0).usable(test());
    }

    Claimed withFallback(List<Option> more) {
        List<Option> all = new ArrayList<>(options.size() + more.size());
        all.addAll(options);
        all.addAll(more);
        return new Claimed(id, sourceKind, sourceId, occurrence, contactId, variant, templateId, fallbackTemplates, attempts, erased,
                transactional, externalId, platform, locale, timeZone, region, membershipTier, membershipExpiresAt, ageBand, gender,
                attributes, dndStart, dndEnd, unsubscribeToken, List.copyOf(all), fallback);
    }

    /** The template for the i-th option: the main one, or the fallback channel's own when there is one. */
    UUID templateFor(int option) {
        if (option == 0 || fallbackTemplates.size() < option || fallbackTemplates.get(option - 1) == null) {
            return templateId;
        }
        return fallbackTemplates.get(option - 1);
    }
}
