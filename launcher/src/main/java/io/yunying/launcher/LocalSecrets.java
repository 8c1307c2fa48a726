package io.yunying.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * One operator account per role for trying the platform, each named after its role. Passwords are
 * generated on the first run and kept in the data folder, so they stay the same between runs.
 */
final class DemoAccounts {

    static final List<String> ROLES = List.of("admin", "editor", "reviewer", "moderator", "operator");
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private DemoAccounts() {
    }

    /** Password by role (the username is the role). */
    static Map<String, String> ensure(Path file) throws IOException {
        Properties stored = new Properties();
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                stored.load(in);
            }
        }
        SecureRandom random = new SecureRandom();
        Map<String, String> passwords = new LinkedHashMap<>();
        boolean changed = false;
        for (String role : ROLES) {
            String password = stored.getProperty(role);
            if (password == null) {
                StringBuilder generated = new StringBuilder("yy-");
                for (int i = 0; i < 12; i++) {
                    generated.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                }
                password = generated.toString();
                stored.setProperty(role, password);
                changed = true;
            }
            passwords.put(role, password);
        }
        if (changed) {
            Files.createDirectories(file.getParent());
            try (Writer out = Files.newBufferedWriter(file)) {
                stored.store(out, "Yunying demo operator accounts: username = role, password as below");
            }
        }
        return passwords;
    }
}
