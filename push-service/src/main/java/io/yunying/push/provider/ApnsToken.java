package io.yunying.push.provider;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * APNs provider-token authentication: an ES256 JWT naming the signing key (kid) and the team (iss),
 * signed with the team's .p8 key. APNs refuses tokens older than an hour and throttles ones renewed
 * more often than every 20 minutes, so one token is reused for {@code reuse} (50 minutes by default)
 * and renewed early only when APNs answers ExpiredProviderToken.
 */
final class ApnsToken {

    private final PrivateKey key;
    private final String keyId;
    private final String teamId;
    private final Duration reuse;
    private final Clock clock;
    private String token;
    private Instant issuedAt;

    ApnsToken(PrivateKey key, String keyId, String teamId, Duration reuse, Clock clock) {
        this.key = key;
        this.keyId = keyId;
        this.teamId = teamId;
        this.reuse = reuse;
        this.clock = clock;
    }

    static ApnsToken of(ProviderConfig.Apns config, Clock clock) {
        if (config.keyFile().isEmpty()) {
            return null;
        }
        if (config.keyId().isEmpty() || config.teamId().isEmpty()) {
            throw new IllegalStateException("push.providers.apns.key-file needs push.providers.apns.key-id and .team-id");
        }
        Path file = Path.of(config.keyFile().get());
        try {
            return new ApnsToken(Pem.privateKey(Files.readString(file), "EC"), config.keyId().get(), config.teamId().get(),
                    config.tokenReuse(), clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the APNs signing key " + file, e);
        }
    }

    synchronized String get() {
        Instant now = clock.instant();
        if (token == null || !now.isBefore(issuedAt.plus(reuse))) {
            // APNs reads only iss and iat; exp is set to the hour APNs allows in any case
            token = Jwt.issuer(teamId).issuedAt(now).expiresAt(now.plus(Duration.ofHours(1)))
                    .jws().algorithm(SignatureAlgorithm.ES256).keyId(keyId).sign(key);
            issuedAt = now;
        }
        return token;
    }

    /** APNs called this token expired: the next send signs a new one. */
    synchronized void expired(String refused) {
        if (refused.equals(token)) {
            token = null;
        }
    }
}
