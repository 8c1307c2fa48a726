package io.yunying.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/**
 * The platform's token signing key pair for a local run: created once in the data folder, kept
 * between runs so issued tokens stay valid. The gateway gets both halves, the services the public one.
 */
record PlatformKeys(Path privateKey, Path publicKey) {

    static PlatformKeys ensure(Path directory) throws IOException, GeneralSecurityException {
        Path privateKey = directory.resolve("platform-private.pem");
        Path publicKey = directory.resolve("platform-public.pem");
        if (!Files.exists(privateKey) || !Files.exists(publicKey)) {
            Files.createDirectories(directory);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            LocalSecrets.ownerOnly(privateKey);
        }
        return new PlatformKeys(privateKey.toAbsolutePath(), publicKey.toAbsolutePath());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
