package io.yunying.push.contact;

import io.yunying.platform.http.Versions;
import io.smallrye.mutiny.Uni;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.problem.ProblemException;
import io.yunying.push.support.Cursor;
import io.yunying.push.support.Page;
import io.yunying.push.support.PgErrors;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

@ApplicationScoped
public class ContactService {

    static final Pattern ATTRIBUTE_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    private static final int MAX_ATTRIBUTES = 50;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{6,15}");

    private final ContactRepository contacts;
    private final Clock clock;

    public ContactService(ContactRepository contacts, Clock clock) {
        this.contacts = contacts;
        this.clock = clock;
    }

    public Uni<ContactView> register(ContactRequest request) {
        checkAttributes(request.attributes(), false);
        String zone = request.timeZone() == null ? "Asia/Shanghai" : zoneOf(request.timeZone());
        String locale = request.locale() == null ? "zh-CN" : request.locale();
        return contacts.insert(request, zone, locale, clock.instant())
                .onFailure(PgErrors::isUniqueViolation).transform(e -> ProblemException.conflict(
                        "contact-exists", "Contact already registered",
                        "a contact with external id " + request.externalId() + " exists",
                        Map.of("externalId", request.externalId())));
    }

    public Uni<ContactView> get(String externalId) {
        return contacts.findByExternalId(externalId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("contact", externalId));
    }

    public Uni<Page<ContactView>> list(String cursor, Integer limit) {
        long after = Cursor.decode(cursor);
        int size = Cursor.limit(limit);
        return contacts.page(after, size + 1).flatMap(rows -> {
            if (rows.size() <= size) {
                return Uni.createFrom().item(new Page<>(rows, null));
            }
            List<ContactView> items = rows.subList(0, size);
            return contacts.seqOf(items.get(size - 1).id()).map(seq -> new Page<>(items, Cursor.encode(seq)));
        });
    }

    /** Changes the given fields; {@code ifMatch} (the ETag version) is checked when present. */
    public Uni<ContactView> update(String externalId, String ifMatch, ContactRequest changes) {
        if (changes.externalId() != null && !changes.externalId().equals(externalId)) {
            throw ProblemException.invalid("externalId", "the external id cannot be changed");
        }
        checkAttributes(changes.attributes(), true);
        String zone = changes.timeZone() == null ? null : zoneOf(changes.timeZone());
        Long expected = Versions.ifMatch(ifMatch);
        return get(externalId).flatMap(current -> contacts.update(current.id(), expected, changes, zone, clock.instant())
                .flatMap(updated -> {
                    if (updated == 0) {
                        return Uni.createFrom().failure(ProblemException.preconditionFailed(
                                "contact " + externalId + " is at version " + current.version() + ", not " + expected));
                    }
                    return contacts.findById(current.id());
                }));
    }

    public Uni<AddressView> putAddress(String externalId, Channel channel, AddressRequest request) {
        String device = checkAddress(channel, request);
        return get(externalId).flatMap(c -> contacts.upsertAddress(c.id(), channel, device, request.address().trim(), clock.instant()));
    }

    public Uni<List<AddressView>> addresses(String externalId) {
        return get(externalId).flatMap(c -> contacts.addresses(c.id()));
    }

    public Uni<Void> deleteAddress(String externalId, Channel channel, String deviceId) {
        String device = deviceId == null ? "" : deviceId;
        return get(externalId).flatMap(c -> contacts.deleteAddress(c.id(), channel, device))
                .flatMap(n -> n == 0
                        ? Uni.createFrom().failure(ProblemException.notFound("address", channel + (device.isEmpty() ? "" : "/" + device)))
                        : Uni.createFrom().voidItem());
    }

    /** Deletion on request: personal data goes, anonymous aggregates stay. */
    public Uni<Void> erase(String externalId) {
        return get(externalId).flatMap(c -> contacts.erase(c.id(), externalId, clock.instant())).replaceWithVoid();
    }

    private static String checkAddress(Channel channel, AddressRequest request) {
        String address = request.address().trim();
        List<Problem.FieldError> errors = new ArrayList<>();
        switch (channel) {
            case EMAIL -> {
                if (!EMAIL.matcher(address).matches()) {
                    errors.add(new Problem.FieldError("address", "not an email address", null));
                }
            }
            case SMS -> {
                if (!PHONE.matcher(address).matches()) {
                    errors.add(new Problem.FieldError("address", "not a phone number in international form such as +8613800138000", null));
                }
            }
            case PUSH -> {
                if (request.deviceId() == null || request.deviceId().isBlank()) {
                    errors.add(new Problem.FieldError("deviceId", "a push token belongs to a device: deviceId is required", null));
                }
            }
            case IN_APP -> {
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "validation", "Invalid request", errors.get(0).message(), errors, Map.of());
        }
        return channel == Channel.PUSH ? request.deviceId() : "";
    }

    static void checkAttributes(Map<String, Object> attributes, boolean allowRemoval) {
        if (attributes == null) {
            return;
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        if (attributes.size() > MAX_ATTRIBUTES) {
            errors.add(new Problem.FieldError("attributes", "at most " + MAX_ATTRIBUTES + " custom attributes", null));
        }
        attributes.forEach((key, value) -> {
            if (!ATTRIBUTE_KEY.matcher(key).matches()) {
                errors.add(new Problem.FieldError("attributes." + key, "a key is a letter followed by letters, digits or _", null));
            } else if (value == null ? !allowRemoval
                    : !(value instanceof String s && s.length() <= 256 || value instanceof Number || value instanceof Boolean)) {
                errors.add(new Problem.FieldError("attributes." + key, "a value is a string (at most 256 characters), a number or a boolean", null));
            }
        });
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "validation", "Invalid request", errors.size() + " custom attributes are invalid", errors, Map.of());
        }
    }

    /** Sends at a user's local hour need a real IANA zone. */
    static String zoneOf(String requested) {
        try {
            return ZoneId.of(requested).getId();
        } catch (DateTimeException e) {
            throw ProblemException.invalid("timeZone", "not an IANA time zone id such as Asia/Shanghai");
        }
    }

}
