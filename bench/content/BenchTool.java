import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Base64;

/**
 * Helpers for bench/content/run.sh, run as a single-file program:
 *   java -cp postgresql.jar BenchTool.java sql <jdbc-url> <file.sql>   runs the statements, prints the last result's first value
 *   java BenchTool.java token <private-key.pem> <user> <role>         prints an RS256 platform token valid for an hour
 */
public class BenchTool {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "sql" -> sql(args[1], Files.readString(Path.of(args[2])));
            case "token" -> System.out.println(token(Files.readString(Path.of(args[1])), args[2], args[3]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static void sql(String url, String script) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement s = c.createStatement()) {
            String last = null;
            for (String statement : script.split(";\\s*\\n")) {
                if (statement.isBlank()) {
                    continue;
                }
                if (s.execute(statement)) {
                    try (ResultSet rows = s.getResultSet()) {
                        last = rows.next() ? rows.getString(1) : null;
                    }
                }
            }
            if (last != null) {
                System.out.println(last);
            }
        }
    }

    static String token(String pem, String user, String role) throws Exception {
        byte[] der = Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"iss\":\"yunying\",\"sub\":\"" + user + "\",\"upn\":\"" + user
                + "\",\"groups\":[\"" + role + "\"],\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}").getBytes(StandardCharsets.UTF_8));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "." + b64.encodeToString(rsa.sign());
    }
}
