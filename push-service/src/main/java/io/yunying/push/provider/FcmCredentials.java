package io.yunying.push.provider;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * FCM's OAuth 2.0 access token, obtained with a Google service-account key (the JWT bearer grant): an
 * RS256 assertion signed with the account's private key is exchanged at the key's token URI. The token
 * is reused until a minute before it expires, fetched once however many sends wait for it, and dropped
 * when FCM answers 401 with it.
 */
final class FcmCredentials {

    /** Refresh this long before the token's own expiry, so no send carries a token about to lapse. */
    static final Duration EARLY = Duration.ofSeconds(60);
    private static final Duration ASSERTION_LIFETIME = Duration.ofHours(1);

    /** The fields of a service-account key file that the exchange needs. */
    record ServiceAccount(String clientEmail, String privateKeyId, PrivateKey privateKey, String tokenUri) {

        static ServiceAccount read(Path file) {
            JsonObject key;
            try {
                key = new JsonObject(Files.readString(file));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the FCM service-account key " + file, e);
            }
            String email = key.getString("client_email");
            String pem = key.getString("private_key");
            if (email == null || pem == null) {
                throw new IllegalStateException("the FCM service-account key " + file + " has no client_email or private_key");
            }
            return new ServiceAccount(email, key.getString("private_key_id"), Pem.privateKey(pem, "RSA"),
                    key.getString("token_uri", "https://oauth2.googleapis.com/token"));
        }
    }

    private record Token(String value, Instant refreshAt) {
    }

    private final HttpProvider http;
    private final ServiceAccount account;
    private final String scope;
    private final Clock clock;
    private Token current;
    private Uni<Token> pending;

    FcmCredentials(HttpProvider http, ServiceAccount account, String scope, Clock clock) {
        this.http = http;
        this.account = account;
        this.scope = scope;
        this.clock = clock;
    }

    /** A valid access token: the cached one, or a new one from the token URI. */
    synchronized Uni<String> token() {
        if (current != null && clock.instant().isBefore(current.refreshAt())) {
            return Uni.createFrom().item(current.value());
        }
        if (pending == null) {
            pending = exchange()
                    .invoke(this::store)
                    .onFailure().invoke(e -> store(null))
                    .memoize().indefinitely();
        }
        return pending.map(Token::value);
    }

    /** FCM refused this token (revoked, expired early): the next send fetches a new one. */
    synchronized void refused(String token) {
        if (current != null && current.value().equals(token)) {
            current = null;
        }
    }

    private synchronized void store(Token token) {
        if (token != null) {
            current = token;
        }
        pending = null;
    }

    private Uni<Token> exchange() {
        Instant now = clock.instant();
        String assertion = assertion(now);
        return http.form(account.tokenUri(), Map.of("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer", "assertion", assertion))
                .map(answer -> {
                    JsonObject json = answer.json();
                    String token = json.getString("access_token");
                    if (answer.status() != 200 || token == null) {
                        throw new IllegalStateException("fcm token exchange answered " + answer.status() + " "
                                + json.getString("error", "") + " " + json.getString("error_description", ""));
                    }
                    long seconds = json.getLong("expires_in", 3600L);
                    return new Token(token, now.plusSeconds(seconds).minus(EARLY));
                });
    }

    String assertion(Instant now) {
        var signature = Jwt.issuer(account.clientEmail())
                .audience(account.tokenUri())
                .claim("scope", scope)
                .issuedAt(now)
                .expiresAt(now.plus(ASSERTION_LIFETIME))
                .jws().algorithm(SignatureAlgorithm.RS256);
        if (account.privateKeyId() != null) {
            signature.keyId(account.privateKeyId());
        }
        return signature.sign(account.privateKey());
    }
}
