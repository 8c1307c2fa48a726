package io.yunying.push.journey;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.UUID;

/**
 * Who may enter a journey, as a condition over {@code contact c}: everyone, the stored members of a
 * materialised segment, or a live segment's rule evaluated at entry. A segment deleted after the
 * journey was activated lets nobody in.
 */
record Audience(boolean everyone, UUID materialised, JsonNode liveRule) {

    static final Audience EVERYONE = new Audience(true, null, null);
    static final Audience NOBODY = new Audience(false, null, null);

    String condition(Params params, Instant now) {
        if (everyone) {
            return "true";
        }
        if (materialised != null) {
            return "exists (select 1 from segment_member m where m.segment_id = " + params.bind(materialised, "uuid")
                    + " and m.contact_id = c.id)";
        }
        if (liveRule != null) {
            return params.rule(liveRule, now);
        }
        return "false";
    }
}
