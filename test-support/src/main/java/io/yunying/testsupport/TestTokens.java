package io.yunying.testsupport;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

/**
 * Bearer tokens for tests, signed with the test key pair whose public half every application trusts
 * under the test profile. Security stays on in tests; tests present real tokens.
 */
public final class TestTokens {

    public static final String ISSUER = "yunying";

    private static final PrivateKey SIGNING_KEY = readKey("test-keys/private.pem");
    private static final PrivateKey FOREIGN_KEY = readKey("test-keys/foreign-private.pem");

    private TestTokens() {
    }

    /** {@code Authorization} header value for a user with the given name and roles. */
    public static String bearer(String user, String... roles) {
        return "Bearer " + token(user, roles);
    }

    public static String token(String user, String... roles) {
        return claims(user, roles).sign(SIGNING_KEY);
    }

    public static String admin() {
        return bearer("admin-test", "admin");
    }

    public static String editor() {
        return bearer("editor-test", "editor");
    }

    public static String reviewer() {
        return bearer("reviewer-test", "reviewer");
    }

    public static String moderator() {
        return bearer("moderator-test", "moderator");
    }

    public static String operator() {
        return bearer("operator-test", "operator");
    }

    public static String appUser(String userId) {
        return bearer(userId, "app-user");
    }

    public static String service() {
        return bearer("service-test", "service");
    }

    /** A token that expired a minute ago. */
    public static String expired(String user, String... roles) {
        Instant past = Instant.now().minus(Duration.ofMinutes(10));
        return "Bearer " + Jwt.issuer(ISSUER).upn(user).subject(user).groups(Set.of(roles))
                .issuedAt(past).expiresAt(past.plus(Duration.ofMinutes(9))).sign(SIGNING_KEY);
    }

    /** A well-formed token signed by a key the platform does not trust. */
    public static String foreign(String user, String... roles) {
        return "Bearer " + claims(user, roles).sign(FOREIGN_KEY);
    }

    /** A token from another issuer, signed with the trusted key. */
    public static String wrongIssuer(String user, String... roles) {
        return "Bearer " + Jwt.issuer("someone-else").upn(user).subject(user).groups(Set.of(roles))
                .expiresIn(Duration.ofMinutes(5)).sign(SIGNING_KEY);
    }

    /** An unsigned token ({@code alg: none}) claiming the given roles. */
    public static String unsigned(String user, String... roles) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"iss\":\"" + ISSUER + "\",\"upn\":\"" + user + "\",\"sub\":\"" + user
                + "\",\"groups\":[\"" + String.join("\",\"", roles) + "\"],\"exp\":"
                + Instant.now().plus(Duration.ofMinutes(5)).getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8));
        return "Bearer " + header + "." + payload + ".";
    }

    private static JwtClaimsBuilder claims(String user, String... roles) {
        return Jwt.issuer(ISSUER).upn(user).subject(user).groups(Set.of(roles))
                .claim("jti", UUID.randomUUID().toString())
                .expiresIn(Duration.ofMinutes(15));
    }

    private static PrivateKey readKey(String resource) {
        try (InputStream in = TestTokens.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("unreadable test key " + resource, e);
        }
    }
}
