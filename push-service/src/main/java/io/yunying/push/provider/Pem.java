package io.yunying.push.provider;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/** Private keys as providers hand them out: PKCS#8 PEM (a Google service-account key, an APNs .p8 key). */
final class Pem {

    private Pem() {
    }

    static PrivateKey privateKey(String pem, String algorithm) {
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("not a PKCS#8 " + algorithm + " private key in PEM: " + e.getMessage(), e);
        }
    }
}
