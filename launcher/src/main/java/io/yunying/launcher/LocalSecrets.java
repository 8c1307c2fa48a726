package io.yunying.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Secrets of a local platform: generated on the first run, kept in a file of the data folder (readable
 * by its owner only), the same on every later run.
 */
final class LocalSecrets {

    /** One demo operator account per role; the username is the role. */
    static final List<String> DEMO_ROLES = List.of("admin", "editor", "reviewer", "moderator", "operator");
    /** The services that get service tokens from the gateway; the client id is the application name. */
    static final List<String> SERVICE_CLIENTS = List.of("content-service", "community-service", "push-service");

    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private LocalSecrets() {
    }

    /** A secret per name, generated where missing. */
    static Map<String, String> ensure(Path file, List<String> names, String comment) throws IOException {
        Properties stored = new Properties();
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                stored.load(in);
            }
        }
        SecureRandom random = new SecureRandom();
        Map<String, String> secrets = new LinkedHashMap<>();
        boolean changed = false;
        for (String name : names) {
            String secret = stored.getProperty(name);
            if (secret == null) {
                StringBuilder generated = new StringBuilder("yy-");
                for (int i = 0; i < 16; i++) {
                    generated.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                }
                secret = generated.toString();
                stored.setProperty(name, secret);
                changed = true;
            }
            secrets.put(name, secret);
        }
        if (changed) {
            write(file, stored, comment);
        }
        return secrets;
    }

    /** Writes properties readable by the owner only. */
    static void write(Path file, Properties properties, String comment) throws IOException {
        Files.createDirectories(file.getParent());
        try (Writer out = Files.newBufferedWriter(file)) {
            properties.store(out, comment);
        }
        ownerOnly(file);
    }

    /** Makes a file readable by its owner only, where the file system has POSIX permissions. */
    static void ownerOnly(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
