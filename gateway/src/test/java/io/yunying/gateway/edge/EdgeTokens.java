package io.yunying.gateway.edge;

import io.smallrye.jwt.build.Jwt;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

/** Tokens only the edge tests need: the app's own identity system, and an algorithm-confusion attack. */
final class EdgeTokens {

    static final String APP_ISSUER = "https://id.example-app.com";

    private EdgeTokens() {
    }

    static String fromAppIdentity(String userId) throws Exception {
        return "Bearer " + Jwt.issuer(APP_ISSUER).subject(userId).expiresIn(Duration.ofMinutes(30))
                .sign(privateKey("test-keys/app-identity-private.pem"));
    }

    /** HS256 "signed" with the platform's public key as the secret: must never verify. */
    static String hmacSignedWithThePublicKey(String user, String... roles) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        long exp = System.currentTimeMillis() / 1000 + 300;
        String payload = b64.encodeToString(("{\"iss\":\"yunying\",\"sub\":\"" + user + "\",\"upn\":\"" + user
                + "\",\"groups\":[\"" + String.join("\",\"", Set.of(roles)) + "\"],\"exp\":" + exp + "}").getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(resource("test-keys/public.pem"), "HmacSHA256"));
        String signature = b64.encodeToString(mac.doFinal((header + "." + payload).getBytes(StandardCharsets.US_ASCII)));
        return "Bearer " + header + "." + payload + "." + signature;
    }

    static String payloadOf(String bearer) {
        String token = bearer.substring("Bearer ".length());
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    private static PrivateKey privateKey(String resource) throws Exception {
        String pem = new String(resource(resource), StandardCharsets.US_ASCII).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = EdgeTokens.class.getClassLoader().getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }
}
