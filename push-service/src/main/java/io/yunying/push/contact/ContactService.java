package io.yunying.push.contact;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.yunying.platform.problem.DatabaseErrors;
import io.yunying.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class ContactService {

    private final ContactRepository contacts;
    private final Clock clock;

    public ContactService(ContactRepository contacts, Clock clock) {
        this.contacts = contacts;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Contact> register(CreateContactRequest request) {
        Contact contact = new Contact();
        contact.id = UUID.randomUUID();
        contact.externalId = request.externalId();
        contact.locale = request.locale() == null ? "zh-CN" : request.locale();
        contact.timeZone = zoneOf(request.timeZone());
        contact.region = request.region();
        contact.platform = request.platform();
        contact.createdAt = clock.instant();
        return contacts.persistAndFlush(contact)
                .onFailure(DatabaseErrors::isUniqueViolation).transform(e -> ProblemException.conflict(
                        "contact-exists", "Contact already registered",
                        "a contact with external id " + request.externalId() + " exists",
                        Map.of("externalId", request.externalId())));
    }

    @WithSession
    public Uni<Contact> get(String externalId) {
        return contacts.findByExternalId(externalId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("contact", externalId));
    }

    /** Sends at a user's local hour need a real IANA zone; a missing one means the platform default. */
    private static String zoneOf(String requested) {
        if (requested == null) {
            return "Asia/Shanghai";
        }
        try {
            return ZoneId.of(requested).getId();
        } catch (DateTimeException e) {
            throw ProblemException.invalid("timeZone", "not an IANA time zone id such as Asia/Shanghai");
        }
    }
}
