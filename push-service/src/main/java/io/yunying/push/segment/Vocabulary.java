package io.yunying.push.segment;

import io.yunying.push.contact.AgeBands;
import io.yunying.push.contact.Gender;
import io.yunying.push.contact.Platform;
import io.yunying.push.lifecycle.Stage;
import io.yunying.push.rfm.RfmGroup;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The whitelist of what a rule may name: every field maps to a fixed column, never to user text. */
final class Vocabulary {

    enum Kind { TEXT, ENUM, TIMESTAMP, SCORE, CUSTOM }

    record Field(String column, Kind kind, List<String> allowed) {
    }

    static final Map<String, Field> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put("platform", new Field("c.platform", Kind.ENUM, names(Platform.values())));
        FIELDS.put("region", new Field("c.region", Kind.TEXT, List.of()));
        FIELDS.put("locale", new Field("c.locale", Kind.TEXT, List.of()));
        FIELDS.put("timeZone", new Field("c.time_zone", Kind.TEXT, List.of()));
        FIELDS.put("acquisitionChannel", new Field("c.acquisition_channel", Kind.TEXT, List.of()));
        FIELDS.put("gender", new Field("c.gender", Kind.ENUM, names(Gender.values())));
        FIELDS.put("ageBand", new Field("c.age_band", Kind.ENUM, AgeBands.ALL));
        FIELDS.put("appVersion", new Field("c.app_version", Kind.TEXT, List.of()));
        FIELDS.put("deviceModel", new Field("c.device_model", Kind.TEXT, List.of()));
        FIELDS.put("membershipTier", new Field("c.membership_tier", Kind.TEXT, List.of()));
        FIELDS.put("membershipExpiresAt", new Field("c.membership_expires_at", Kind.TIMESTAMP, List.of()));
        FIELDS.put("signedUpAt", new Field("c.signed_up_at", Kind.TIMESTAMP, List.of()));
        FIELDS.put("lastSeenAt", new Field("c.last_seen_at", Kind.TIMESTAMP, List.of()));
        FIELDS.put("lifecycle.stage", new Field("l.stage", Kind.ENUM, Arrays.stream(Stage.values()).map(Stage::label).toList()));
        FIELDS.put("rfm.recency", new Field("r.r", Kind.SCORE, List.of()));
        FIELDS.put("rfm.frequency", new Field("r.f", Kind.SCORE, List.of()));
        FIELDS.put("rfm.monetary", new Field("r.m", Kind.SCORE, List.of()));
        FIELDS.put("rfm.group", new Field("r.rfm_group", Kind.ENUM, Arrays.stream(RfmGroup.values()).map(RfmGroup::label).toList()));
    }

    static final String CUSTOM_PREFIX = "custom.";

    static final Map<Kind, List<String>> OPS = Map.of(
            Kind.TEXT, List.of("eq", "ne", "in", "not_in", "starts_with", "contains", "exists", "not_exists"),
            Kind.ENUM, List.of("eq", "ne", "in", "not_in", "exists", "not_exists"),
            Kind.TIMESTAMP, List.of("before", "after", "within_last_days", "more_than_days_ago", "within_next_days",
                    "more_than_days_ahead", "exists", "not_exists"),
            Kind.SCORE, List.of("eq", "ne", "gt", "gte", "lt", "lte", "between", "in", "not_in", "exists", "not_exists"),
            Kind.CUSTOM, List.of("eq", "ne", "in", "not_in", "starts_with", "contains", "gt", "gte", "lt", "lte", "between",
                    "exists", "not_exists"));

    static final List<String> EVENT_OPS = List.of("performed", "not_performed", "eq", "ne", "gt", "gte", "lt", "lte");
    static final List<String> CONSENT_OPS = List.of("granted", "not_granted");
    static final List<String> SEGMENT_OPS = List.of("in", "not_in");
    static final List<String> KINDS = List.of("all", "any", "not", "attribute", "event", "consent", "segment");

    private Vocabulary() {
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
