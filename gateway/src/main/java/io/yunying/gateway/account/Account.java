package io.yunying.gateway.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** An operator of the platform: an editor, reviewer, moderator, operator or admin. */
@Entity
@Table(name = "account")
public class Account {

    @Id
    public UUID id;

    public String username;

    @Column(name = "display_name")
    public String displayName;

    @Column(name = "password_hash")
    public String passwordHash;

    public String[] roles;

    public boolean enabled;

    @Column(name = "failed_sign_ins")
    public int failedSignIns;

    @Column(name = "locked_until")
    public Instant lockedUntil;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "last_sign_in_at")
    public Instant lastSignInAt;

    @Version
    public long version;
}
