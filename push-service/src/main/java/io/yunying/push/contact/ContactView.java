package io.yunying.push.contact;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

@Schema(name = "Contact")
public record ContactView(UUID id, String externalId, Platform platform, String locale, String timeZone,
                          String region, Instant createdAt, long version) {

    static ContactView of(Contact c) {
        return new ContactView(c.id, c.externalId, c.platform, c.locale, c.timeZone, c.region, c.createdAt, c.version);
    }
}
