package io.yunying.push.importing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.yunying.push.consent.ConsentService;
import io.yunying.push.consent.ConsentStatus;
import io.yunying.push.contact.Channel;
import io.vertx.core.json.JsonObject;
import io.yunying.push.contact.AgeBands;
import io.yunying.push.contact.Gender;
import io.yunying.push.contact.Platform;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    /** Columns whose CSV cell (or NDJSON member) holds JSON, as the export writes them. */
    static final List<String> STRUCTURED = List.of("attributes", "addresses", "consents");
    /** Computed by the service and written by the export; an import accepts and ignores them, so an export reads back. */
    static final List<String> DERIVED = List.of("lastSeenAt", "lifecycleStage", "rfmGroup");
    static final int MAX_ADDRESSES = 20;
    static final int MAX_CONSENTS = 100;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TOPIC = Pattern.compile(ConsentService.TOPIC);

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
        String addresses = addresses(values.get("addresses"), problems);
        String consents = consents(values.get("consents"), problems);
        return new ImportRow(externalId, platform, locale, zone, values.get("region"), values.get("acquisitionChannel"), gender,
                ageBand, values.get("appVersion"), values.get("deviceModel"), values.get("membershipTier"), expires, signedUp,
                attrs, email, phone, addresses, consents);
    }

    /**
     * Addresses to set, as {@code [{channel, deviceId, address}]}: a push token per device, one address on every
     * other channel. Returned as checked JSON with deviceId "" off PUSH, or null when there are none.
     */
    private static String addresses(String text, Problems problems) {
        ArrayNode list = list(text, "addresses", MAX_ADDRESSES, problems);
        if (list == null) {
            return null;
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "addresses[" + i + "]";
            JsonNode item = list.get(i);
            if (!item.isObject()) {
                problems.add(at, "an object {channel, deviceId, address}");
                continue;
            }
            int[] found = {0};
            Problems here = (field, message) -> {
                found[0]++;
                problems.add(field, message);
            };
            unknownMembers(item, at, List.of("channel", "deviceId", "address"), here);
            Channel channel = channel(item, at, here);
            String address = text(item, "address");
            String device = text(item, "deviceId");
            if (address == null) {
                here.add(at + ".address", "required");
            } else if (address.length() > 512) {
                here.add(at + ".address", "at most 512 characters");
            } else if (channel == Channel.EMAIL && !EMAIL.matcher(address).matches()) {
                here.add(at + ".address", "not an email address");
            } else if (channel == Channel.SMS && !PHONE.matcher(address).matches()) {
                here.add(at + ".address", "not a phone number in international form such as +8613800138000");
            }
            if (channel == Channel.PUSH && device == null) {
                here.add(at + ".deviceId", "a push token belongs to a device: deviceId is required");
            } else if (channel != null && channel != Channel.PUSH && device != null) {
                here.add(at + ".deviceId", "only PUSH addresses are per device");
            } else if (device != null && device.length() > 128) {
                here.add(at + ".deviceId", "at most 128 characters");
            }
            if (found[0] > 0 || channel == null) {
                continue;
            }
            if (!seen.add(channel + "/" + (device == null ? "" : device))) {
                here.add(at, "a second address for " + channel + (device == null ? "" : " device " + device));
                continue;
            }
            out.addObject().put("channel", channel.name()).put("deviceId", device == null ? "" : device).put("address", address);
        }
        return out.isEmpty() ? null : out.toString();
    }

    /**
     * Consents to record, as {@code [{channel, topic, status, source, changedAt}]} (topic "*" or absent: the whole
     * channel). Returned as checked JSON, or null when there are none.
     */
    private static String consents(String text, Problems problems) {
        ArrayNode list = list(text, "consents", MAX_CONSENTS, problems);
        if (list == null) {
            return null;
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "consents[" + i + "]";
            JsonNode item = list.get(i);
            if (!item.isObject()) {
                problems.add(at, "an object {channel, topic, status, source, changedAt}");
                continue;
            }
            int[] found = {0};
            Problems here = (field, message) -> {
                found[0]++;
                problems.add(field, message);
            };
            unknownMembers(item, at, List.of("channel", "topic", "status", "source", "changedAt"), here);
            Channel channel = channel(item, at, here);
            String topic = text(item, "topic");
            if (topic == null) {
                topic = ConsentService.WHOLE_CHANNEL;
            } else if (!TOPIC.matcher(topic).matches()) {
                here.add(at + ".topic", "a topic is lower-case letters, digits, _ or -; * means the whole channel");
            }
            String status = text(item, "status");
            if (status == null) {
                here.add(at + ".status", "required");
            } else if (Arrays.stream(ConsentStatus.values()).noneMatch(v -> v.name().equals(status))) {
                here.add(at + ".status", "SUBSCRIBED or UNSUBSCRIBED");
            }
            String source = text(item, "source");
            if (source != null && source.length() > 64) {
                here.add(at + ".source", "at most 64 characters");
            }
            String changedAt = text(item, "changedAt");
            if (changedAt != null) {
                try {
                    changedAt = Instant.parse(changedAt).toString();
                } catch (DateTimeParseException e) {
                    here.add(at + ".changedAt", "an ISO-8601 instant such as 2026-01-31T16:00:00Z");
                }
            }
            if (found[0] > 0 || channel == null) {
                continue;
            }
            if (!seen.add(channel + "/" + topic)) {
                here.add(at, "a second consent for " + channel + " topic " + topic);
                continue;
            }
            ObjectNode consent = out.addObject().put("channel", channel.name()).put("topic", topic).put("status", status);
            if (source != null) {
                consent.put("source", source);
            }
            if (changedAt != null) {
                consent.put("changedAt", changedAt);
            }
        }
        return out.isEmpty() ? null : out.toString();
    }

    private static ArrayNode list(String text, String field, int max, Problems problems) {
        if (text == null) {
            return null;
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            problems.add(field, "not valid JSON");
            return null;
        }
        if (node == null || !node.isArray()) {
            problems.add(field, "a JSON array");
            return null;
        }
        if (node.size() > max) {
            problems.add(field, "at most " + max + " entries");
            return null;
        }
        return (ArrayNode) node;
    }

    private static Channel channel(JsonNode item, String at, Problems problems) {
        String channel = text(item, "channel");
        if (channel == null) {
            problems.add(at + ".channel", "required");
            return null;
        }
        try {
            return Channel.valueOf(channel);
        } catch (IllegalArgumentException e) {
            problems.add(at + ".channel", "one of " + String.join(", ", Arrays.stream(Channel.values()).map(Enum::name).toList()));
            return null;
        }
    }

    private static void unknownMembers(JsonNode item, String at, List<String> known, Problems problems) {
        item.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                problems.add(at + "." + name, "unknown field");
            }
        });
    }

    /** A member's text, trimmed; null when absent, null, blank or not a scalar. */
    private static String text(JsonNode item, String name) {
        JsonNode value = item.get(name);
        if (value == null || value.isNull() || value.isContainerNode() || value.asText().isBlank()) {
            return null;
        }
        return value.asText().trim();
    }

    /**
     * The values of a CSV record under its header; empty cells mean "keep what is there". The attributes,
     * addresses and consents cells hold JSON, as the export writes them.
     */
    static void fromCsv(String[] header, List<String> record, Map<String, String> values, Map<String, Object> attributes,
                        Problems problems) {
        for (int i = 0; i < header.length && i < record.size(); i++) {
            String cell = record.get(i).trim();
            if (cell.isEmpty() || DERIVED.contains(header[i])) {
                continue;
            }
            if (header[i].startsWith(ATTR)) {
                attributes.put(header[i].substring(ATTR.length()), cell);
            } else if (header[i].equals("attributes")) {
                try {
                    attributes(JSON.readTree(cell), attributes, problems);
                } catch (JsonProcessingException e) {
                    problems.add("attributes", "not valid JSON");
                }
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
                attributes(value, attributes, problems);
            } else if (name.equals("addresses") || name.equals("consents")) {
                if (!value.isNull()) {
                    values.put(name, value.toString());
                }
            } else if (DERIVED.contains(name)) {
                return;
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

    private static void attributes(JsonNode value, Map<String, Object> attributes, Problems problems) {
        if (!value.isObject()) {
            problems.add("attributes", "an object of custom key/values");
            return;
        }
        value.fields().forEachRemaining(a -> attributes.put(a.getKey(), scalar(a.getValue())));
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
