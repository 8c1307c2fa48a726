package io.yunying.push.importing;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonObject;
import io.yunying.push.contact.AgeBands;
import io.yunying.push.contact.Gender;
import io.yunying.push.contact.Platform;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns one input row (a CSV record under its header, or an NDJSON object) into an {@link ImportRow},
 * collecting every problem of the row. Column names are the JSON names of the contact API; CSV
 * custom attributes are columns named {@code attr.<key>}.
 */
final class RowReader {

    static final List<String> COLUMNS = List.of("externalId", "platform", "locale", "timeZone", "region", "acquisitionChannel",
            "gender", "ageBand", "appVersion", "deviceModel", "membershipTier", "membershipExpiresAt", "signedUpAt", "email", "phone");
    static final String ATTR = "attr.";

    private static final Pattern EXTERNAL_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,64}");
    private static final Pattern LOCALE = Pattern.compile("[a-z]{2}(-[A-Za-z]{2,4})?");
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,128}@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{6,15}");

    interface Problems {
        void add(String field, String message);
    }

    private RowReader() {
    }

    static ImportRow read(Map<String, String> values, Map<String, Object> attributes, Problems problems) {
        String externalId = values.get("externalId");
        if (externalId == null) {
            problems.add("externalId", "required");
        } else if (!EXTERNAL_ID.matcher(externalId).matches()) {
            problems.add("externalId", "at most 64 letters, digits and . _ : @ -");
        }
        String platform = oneOf(values, "platform", Arrays.stream(Platform.values()).map(Enum::name).toList(), problems);
        String gender = oneOf(values, "gender", Arrays.stream(Gender.values()).map(Enum::name).toList(), problems);
        String ageBand = oneOf(values, "ageBand", AgeBands.ALL, problems);
        String locale = values.get("locale");
        if (locale != null && !LOCALE.matcher(locale).matches()) {
            problems.add("locale", "a language tag such as zh-CN or en");
        }
        String zone = values.get("timeZone");
        if (zone != null) {
            try {
                zone = ZoneId.of(zone).getId();
            } catch (DateTimeException e) {
                problems.add("timeZone", "not an IANA time zone id such as Asia/Shanghai");
            }
        }
        String email = values.get("email");
        if (email != null && !EMAIL.matcher(email).matches()) {
            problems.add("email", "not an email address");
        }
        String phone = values.get("phone");
        if (phone != null && !PHONE.matcher(phone).matches()) {
            problems.add("phone", "not a phone number in international form such as +8613800138000");
        }
        for (String field : List.of("region", "acquisitionChannel", "deviceModel")) {
            length(values, field, 64, problems);
        }
        length(values, "appVersion", 32, problems);
        length(values, "membershipTier", 32, problems);
        String expires = instant(values, "membershipExpiresAt", problems);
        String signedUp = instant(values, "signedUpAt", problems);
        String attrs = null;
        if (!attributes.isEmpty()) {
            if (attributes.size() > 50) {
                problems.add("attributes", "at most 50 custom attributes");
            }
            attributes.forEach((key, value) -> {
                if (!KEY.matcher(key).matches()) {
                    problems.add(ATTR + key, "a key is a letter followed by letters, digits or _");
                } else if (!(value instanceof String s && s.length() <= 256 || value instanceof Number || value instanceof Boolean)) {
                    problems.add(ATTR + key, "a value is a string (at most 256 characters), a number or a boolean");
                }
            });
            attrs = new JsonObject(attributes).encode();
        }
        return new ImportRow(externalId, platform, locale, zone, values.get("region"), values.get("acquisitionChannel"), gender,
                ageBand, values.get("appVersion"), values.get("deviceModel"), values.get("membershipTier"), expires, signedUp,
                attrs, email, phone);
    }

    /** The values of a CSV record under its header; empty cells mean "keep what is there". */
    static void fromCsv(String[] header, List<String> record, Map<String, String> values, Map<String, Object> attributes) {
        for (int i = 0; i < header.length && i < record.size(); i++) {
            String cell = record.get(i).trim();
            if (cell.isEmpty()) {
                continue;
            }
            if (header[i].startsWith(ATTR)) {
                attributes.put(header[i].substring(ATTR.length()), cell);
            } else {
                values.put(header[i], cell);
            }
        }
    }

    /** The values of an NDJSON object; unknown members and non-scalar values are problems of the row. */
    static void fromJson(JsonNode node, Map<String, String> values, Map<String, Object> attributes, Problems problems) {
        node.fields().forEachRemaining(member -> {
            String name = member.getKey();
            JsonNode value = member.getValue();
            if (name.equals("attributes")) {
                if (!value.isObject()) {
                    problems.add("attributes", "an object of custom key/values");
                    return;
                }
                value.fields().forEachRemaining(a -> attributes.put(a.getKey(), scalar(a.getValue())));
            } else if (!COLUMNS.contains(name)) {
                problems.add(name, "unknown field");
            } else if (!value.isNull()) {
                if (value.isContainerNode()) {
                    problems.add(name, "a single value");
                } else if (!value.asText().isBlank()) {
                    values.put(name, value.asText().trim());
                }
            }
        });
    }

    private static Object scalar(JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isNumber()) {
            return value.numberValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        return new LinkedHashMap<>();
    }

    private static String oneOf(Map<String, String> values, String field, List<String> allowed, Problems problems) {
        String value = values.get(field);
        if (value != null && !allowed.contains(value)) {
            problems.add(field, "one of " + String.join(", ", allowed));
        }
        return value;
    }

    private static void length(Map<String, String> values, String field, int max, Problems problems) {
        String value = values.get(field);
        if (value != null && value.length() > max) {
            problems.add(field, "at most " + max + " characters");
        }
    }

    private static String instant(Map<String, String> values, String field, Problems problems) {
        String value = values.get(field);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value).toString();
        } catch (DateTimeParseException e) {
            problems.add(field, "an ISO-8601 instant such as 2026-01-31T16:00:00Z");
            return null;
        }
    }
}
