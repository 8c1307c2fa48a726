package io.yunying.gateway.session;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One refresh token, stored only as its hash. Used once: refreshing rotates it to a new one. */
@Entity
@Table(name = "refresh_token")
public class RefreshToken {

    @Id
    public UUID id;

    @Column(name = "account_id")
    public UUID accountId;

    @Column(name = "family_id")
    public UUID familyId;

    @Column(name = "token_hash")
    public String tokenHash;

    @Column(name = "issued_at")
    public Instant issuedAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "used_at")
    public Instant usedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;
}
