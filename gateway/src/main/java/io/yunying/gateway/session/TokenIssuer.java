package io.yunying.gateway.session;

import io.smallrye.jwt.build.Jwt;
import io.yunying.gateway.account.Account;
import io.yunying.gateway.account.AuthConfig;
import io.yunying.platform.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;

/** Signs the platform's access tokens (RS256, the gateway's private key) and makes refresh token secrets. */
@ApplicationScoped
public class TokenIssuer {

    private final SecureRandom random = new SecureRandom();
    private final AuthConfig config;
    private final Clock clock;

    public TokenIssuer(AuthConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public record AccessToken(String token, Instant issuedAt, Instant expiresAt) {
    }

    public AccessToken forOperator(Account account) {
        return sign(account.id.toString(), account.username, Set.of(account.roles), config.accessTokenLifetime());
    }

    public AccessToken forAppUser(String userId, Duration lifetime) {
        return sign(userId, userId, Set.of(Roles.APP_USER), lifetime);
    }

    public AccessToken forService(String clientId) {
        return sign("service:" + clientId, clientId, Set.of(Roles.SERVICE), config.accessTokenLifetime());
    }

    private AccessToken sign(String subject, String name, Set<String> roles, Duration lifetime) {
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        String token = Jwt.subject(subject)
                .upn(name)
                .groups(roles)
                .issuedAt(now)
                .expiresAt(expires)
                .claim("jti", UUID.randomUUID().toString())
                .sign();
        return new AccessToken(token, now, expires);
    }

    /** A new refresh token secret; only its hash is stored. */
    public String newRefreshSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return "yyr_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
