package io.yunying.push.contact;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** An app user as user operations sees them: who they are, where, and in which time zone. */
@Entity
@Table(name = "contact")
public class Contact {

    @Id
    public UUID id;

    /** The user's id in the app's own identity system. */
    @Column(name = "external_id")
    public String externalId;

    public String locale;

    @Column(name = "time_zone")
    public String timeZone;

    public String region;

    @Enumerated(EnumType.STRING)
    public Platform platform;

    @Column(name = "created_at")
    public Instant createdAt;

    @Version
    public long version;
}
