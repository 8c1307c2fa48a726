package io.yunying.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.yunying.launcher.DatabaseServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.Map;

/**
 * A real PostgreSQL for a module's tests, started once per test JVM (not once per Quarkus restart)
 * and stopped when the JVM exits. Each application gets its own database in it.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private static final String DATABASE = "app";
    private static DatabaseServer server;

    @Override
    public Map<String, String> start() {
        DatabaseServer db = server();
        return Map.of(
                "quarkus.datasource.reactive.url", db.reactiveUrl(DATABASE),
                "quarkus.datasource.jdbc.url", db.jdbcUrl(DATABASE),
                "quarkus.datasource.username", db.user(),
                "quarkus.datasource.password", db.password());
    }

    @Override
    public void stop() {
        // kept for the next Quarkus start in this JVM; the shutdown hook stops it
    }

    /** The server the tests run against, for asserting on rows directly. */
    public static synchronized DatabaseServer server() {
        if (server == null) {
            try {
                DatabaseServer started = DatabaseServer.temporary();
                started.ensureDatabase(DATABASE);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (IOException ignored) {
                        // the JVM is exiting; the temporary data directory goes with the process
                    }
                }));
                server = started;
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            } catch (SQLException e) {
                throw new IllegalStateException("embedded PostgreSQL did not accept the test database", e);
            }
        }
        return server;
    }

    public static String database() {
        return DATABASE;
    }
}
