package io.yunying.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.yunying.launcher.DatabaseServer;
import io.yunying.launcher.ServiceProcess;
import io.yunying.testsupport.PostgresTestResource;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The real content-service, as packaged by its module, running in its own JVM on the test PostgreSQL,
 * with the gateway's content route pointing at it. The gateway gets a database of its own on the same
 * server; community and push point at ports nobody listens on.
 */
public class ContentServiceProcess implements QuarkusTestResourceLifecycleManager {

    static final Path LOG = Path.of("target", "content-service-behind-gateway.log");

    private ServiceProcess process;

    @Override
    public Map<String, String> start() {
        DatabaseServer db = PostgresTestResource.server();
        try {
            int port = freePort();
            Path publicKey = Path.of("target", "test-public.pem").toAbsolutePath();
            try (var key = getClass().getClassLoader().getResourceAsStream("test-keys/public.pem")) {
                java.nio.file.Files.write(publicKey, key.readAllBytes());
            }
            process = ServiceProcess.start("content-service",
                    Path.of("..", "content-service", "target", "quarkus-app", "quarkus-run.jar"), port,
                    List.of("-Xmx256m", "-XX:+UseSerialGC"),
                    Map.of("YUNYING_DB_HOST", db.host(),
                            "YUNYING_DB_PORT", Integer.toString(db.port()),
                            "YUNYING_DB_NAME", PostgresTestResource.database(),
                            "YUNYING_DB_USER", db.user(),
                            "YUNYING_DB_PASSWORD", db.password(),
                            "MP_JWT_VERIFY_PUBLICKEY_LOCATION", publicKey.toString()),
                    LOG);
            process.awaitReady(Duration.ofSeconds(120));
            db.ensureDatabase("gateway");
            return Map.of(
                    "yunying.gateway.routes.content.url", process.baseUrl(),
                    "yunying.gateway.routes.community.url", "http://localhost:" + freePort(),
                    "yunying.gateway.routes.push.url", "http://localhost:" + freePort(),
                    "quarkus.datasource.reactive.url", db.reactiveUrl("gateway"),
                    "quarkus.datasource.jdbc.url", db.jdbcUrl("gateway"),
                    "quarkus.datasource.username", db.user(),
                    "quarkus.datasource.password", db.password());
        } catch (IOException | java.sql.SQLException e) {
            throw new IllegalStateException("content-service did not start", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while content-service started", e);
        }
    }

    @Override
    public void stop() {
        if (process != null) {
            process.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }
}
