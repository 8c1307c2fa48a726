package io.yunying.push.tracking;

import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Signed links in messages. A click link carries the delivery and the target URL with an HMAC over
 * both, so nobody can forge a click for another delivery or turn the redirect into an open redirect:
 * only URLs that were in a rendered message verify.
 */
@ApplicationScoped
public class TrackingLinks {

    private final String base;
    private final SecretKeySpec key;

    public TrackingLinks(TrackingConfig config) {
        if (config.secret().length() < 32) {
            throw new IllegalStateException("push.tracking.secret must be at least 32 characters");
        }
        this.base = config.publicUrl().replaceAll("/+$", "");
        this.key = new SecretKeySpec(config.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String click(long deliveryId, String url) {
        return base + "/api/push/t/c/" + deliveryId + "?u=" + URLEncoder.encode(url, StandardCharsets.UTF_8)
                + "&s=" + sign("c|" + deliveryId + "|" + url);
    }

    public String openPixel(long deliveryId) {
        return base + "/api/push/t/o/" + deliveryId + "?s=" + sign("o|" + deliveryId);
    }

    public String unsubscribe(String token) {
        return base + "/api/push/unsubscribe/" + token;
    }

    public boolean validClick(long deliveryId, String url, String signature) {
        return matches(sign("c|" + deliveryId + "|" + url), signature);
    }

    public boolean validOpen(long deliveryId, String signature) {
        return matches(sign("o|" + deliveryId), signature);
    }

    private static boolean matches(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII));
    }

    private String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
