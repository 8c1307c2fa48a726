package io.yunying.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The run command: PostgreSQL, the three services and the gateway on one machine, demo data loaded,
 * everything stopped cleanly on Ctrl-C or {@code ./yunying stop}.
 */
public final class LocalPlatform {

    private static final Duration STARTUP = Duration.ofSeconds(180);
    private static final List<String> DATABASES = List.of("content", "community", "push", "gateway");

    private final Settings settings;
    private final List<AutoCloseable> running = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch stopped = new CountDownLatch(1);

    private LocalPlatform(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("yunying.home", ".")).toAbsolutePath().normalize();
        LocalPlatform platform = new LocalPlatform(Settings.from(System.getenv(), home));
        Runtime.getRuntime().addShutdownHook(new Thread(platform::stop, "yunying-stop"));
        try {
            platform.start();
        } catch (Exception | Error e) {
            System.err.println("Yunying could not start: " + e.getMessage());
            System.exit(1);
        }
        platform.stopped.await();
    }

    private void start() throws Exception {
        Files.createDirectories(settings.logs());
        Path pidFile = settings.dataDirectory().resolve("launcher.pid");
        Files.writeString(pidFile, Long.toString(ProcessHandle.current().pid()));
        running.add(() -> Files.deleteIfExists(pidFile));

        requireFreePorts();
        PlatformKeys keys = PlatformKeys.ensure(settings.dataDirectory().resolve("keys"));
        Map<String, String> accounts = LocalSecrets.ensure(settings.dataDirectory().resolve("demo-accounts.properties"),
                LocalSecrets.DEMO_ROLES, "Yunying demo operator accounts: username = role, password as below");
        Map<String, String> clients = LocalSecrets.ensure(settings.dataDirectory().resolve("service-clients.properties"),
                LocalSecrets.SERVICE_CLIENTS, "Yunying service clients: client id = secret");
        DatabaseServer database = startDatabase();
        for (String name : DATABASES) {
            database.ensureDatabase(name);
        }

        List<ServiceProcess> services = new ArrayList<>();
        // further instances of a service listen 10 ports above the previous one, on the same database
        for (int instance = 1; instance <= settings.instances(); instance++) {
            int offset = 10 * (instance - 1);
            if (settings.starts("content")) {
                services.add(startService("content", instance, settings.contentPort() + offset, database, keys, clients));
            }
            if (settings.starts("community")) {
                services.add(startService("community", instance, settings.communityPort() + offset, database, keys, clients));
            }
            if (settings.starts("push")) {
                services.add(startService("push", instance, settings.pushPort() + offset, database, keys, clients));
            }
        }
        if (settings.starts("gateway")) {
            for (int instance = 1; instance <= settings.instances(); instance++) {
                services.add(startGateway(instance, keys, database, accounts.get("admin"), clients));
            }
        }
        awaitAllReady(services);

        String gateway = "http://localhost:" + settings.gatewayPort();
        if (settings.demoData() && settings.starts("gateway")) {
            try {
                DemoData.Outcome demo = new DemoData(gateway, accounts).load();
                say("demo data: %d records created, %d already present, %d upserts applied again",
                        demo.created(), demo.present(), demo.reapplied());
            } catch (IllegalStateException | IOException e) {
                say("demo data not loaded completely (the platform runs without it): %s", e.getMessage());
            }
        }
        printUrls(gateway, services, accounts);
    }

    private DatabaseServer startDatabase() throws IOException {
        DatabaseServer database = settings.embeddedDatabase()
                ? DatabaseServer.embedded(settings.dataDirectory().resolve("postgres"), settings.dbPort())
                : DatabaseServer.external(settings.externalDbHost(), settings.dbPort(), settings.dbUser(), settings.dbPassword());
        running.add(database);
        say("PostgreSQL %s at %s:%d", database.isEmbedded() ? "(embedded, data in " + settings.dataDirectory().resolve("postgres") + ")" : "(external)",
                database.host(), database.port());
        return database;
    }

    private ServiceProcess startService(String name, int instance, int port, DatabaseServer database, PlatformKeys keys,
                                        Map<String, String> clients) throws IOException {
        Map<String, String> env = new HashMap<>(databaseEnvironment(name, database));
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.publicKey().toString());
        env.put("YUNYING_SERVICE_CLIENT_ID", name + "-service");
        env.put("YUNYING_SERVICE_CLIENT_SECRET", clients.get(name + "-service"));
        env.put("YUNYING_SERVICE_CLIENT_TOKEN_URL", "http://localhost:" + settings.gatewayPort() + "/api/auth/service-tokens");
        env.put("QUARKUS_REST_CLIENT_CONTENT_URL", "http://localhost:" + settings.contentPort());
        env.put("QUARKUS_REST_CLIENT_COMMUNITY_URL", "http://localhost:" + settings.communityPort());
        env.put("QUARKUS_REST_CLIENT_PUSH_URL", "http://localhost:" + settings.pushPort());
        return launch(name + "-service", instance == 1 ? name + "-service" : name + "-service-" + instance, port, env);
    }

    /** Gateway instance k routes to instance k of each service. */
    private ServiceProcess startGateway(int instance, PlatformKeys keys, DatabaseServer database, String adminPassword,
                                        Map<String, String> clients) throws IOException {
        int offset = 10 * (instance - 1);
        Map<String, String> env = new HashMap<>(databaseEnvironment("gateway", database));
        // the service clients' secrets go in a file only this user can read, not in the environment or argv
        java.util.Properties clientConfig = new java.util.Properties();
        clients.forEach((id, secret) -> clientConfig.setProperty("yunying.gateway.auth.service-clients." + id + ".secret", secret));
        Path clientFile = settings.dataDirectory().resolve("gateway-service-clients.properties");
        LocalSecrets.write(clientFile, clientConfig, "service clients the gateway issues service tokens to");
        env.put("QUARKUS_CONFIG_LOCATIONS", clientFile.toUri().toString());
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.publicKey().toString());
        env.put("SMALLRYE_JWT_SIGN_KEY_LOCATION", keys.privateKey().toString());
        env.put("YUNYING_GATEWAY_AUTH_FIRST_ADMIN_USERNAME", "admin");
        env.put("YUNYING_GATEWAY_AUTH_FIRST_ADMIN_PASSWORD", adminPassword);
        // the local platform is a development platform: demo app users get tokens from the gateway
        env.put("YUNYING_GATEWAY_AUTH_DEV_APP_USER_TOKENS", "true");
        env.put("YUNYING_GATEWAY_ROUTES_CONTENT_URL", "http://localhost:" + (settings.contentPort() + offset));
        env.put("YUNYING_GATEWAY_ROUTES_COMMUNITY_URL", "http://localhost:" + (settings.communityPort() + offset));
        env.put("YUNYING_GATEWAY_ROUTES_PUSH_URL", "http://localhost:" + (settings.pushPort() + offset));
        return launch("gateway", instance == 1 ? "gateway" : "gateway-" + instance, settings.gatewayPort() + offset, env);
    }

    private static Map<String, String> databaseEnvironment(String name, DatabaseServer database) {
        return Map.of(
                "YUNYING_DB_HOST", database.host(),
                "YUNYING_DB_PORT", Integer.toString(database.port()),
                "YUNYING_DB_NAME", name,
                "YUNYING_DB_USER", database.user(),
                "YUNYING_DB_PASSWORD", database.password());
    }

    private ServiceProcess launch(String module, String name, int port, Map<String, String> env) throws IOException {
        Path jar = settings.home().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        ServiceProcess process = ServiceProcess.start(name, jar, port, settings.jvmOptions(), env,
                settings.logs().resolve(name + ".log"));
        running.add(process);
        say("starting %-18s on port %d (log %s)", module, port, process.log());
        return process;
    }

    private void awaitAllReady(List<ServiceProcess> services) {
        try {
            CompletableFuture.allOf(services.stream()
                    .map(s -> CompletableFuture.runAsync(() -> {
                        try {
                            s.awaitReady(STARTUP);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException("interrupted while waiting for " + s.name());
                        }
                    }))
                    .toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }

    private void requireFreePorts() {
        List<Integer> ports = new ArrayList<>();
        for (int instance = 1; instance <= settings.instances(); instance++) {
            int offset = 10 * (instance - 1);
            if (settings.starts("gateway")) {
                ports.add(settings.gatewayPort() + offset);
            }
            Map.of("content", settings.contentPort(), "community", settings.communityPort(), "push", settings.pushPort())
                    .forEach((name, port) -> {
                        if (settings.starts(name)) {
                            ports.add(port + offset);
                        }
                    });
        }
        if (settings.embeddedDatabase()) {
            ports.add(settings.dbPort());
        }
        for (int port : ports) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress("localhost", port));
            } catch (IOException e) {
                throw new IllegalStateException("port " + port + " is in use (is Yunying already running? ./yunying stop)");
            }
        }
    }

    private void printUrls(String gateway, List<ServiceProcess> services, Map<String, String> accounts) {
        StringBuilder out = new StringBuilder("\nYunying is running\n");
        out.append(String.format("  %-18s %s   platform API %s/openapi/platform, Swagger UI %s/q/swagger-ui%n",
                "gateway", gateway, gateway, gateway));
        for (ServiceProcess s : services) {
            if (!s.name().startsWith("gateway")) {
                out.append(String.format("  %-18s %s   Swagger UI %s/q/swagger-ui%n", s.name(), s.baseUrl(), s.baseUrl()));
            }
        }
        if (!settings.skipped().isEmpty()) {
            out.append(String.format("  %-18s %s%n", "not started", String.join(", ", settings.skipped())));
        }
        out.append(String.format("  %-18s %s%n", "logs", settings.logs()));
        out.append("Demo operator accounts (username / password), sign in with POST /api/auth/sign-in:\n");
        accounts.forEach((role, password) -> out.append(String.format("  %-18s %s%n", role, password)));
        out.append("Stop with Ctrl-C or ./yunying stop\n");
        System.out.println(out);
    }

    /** Stops everything in the reverse order it started; safe to call twice. */
    private void stop() {
        List<AutoCloseable> toStop;
        synchronized (running) {
            toStop = new ArrayList<>(running);
            running.clear();
        }
        if (!toStop.isEmpty()) {
            say("stopping");
        }
        Collections.reverse(toStop);
        List<CompletableFuture<Void>> services = new ArrayList<>();
        for (AutoCloseable each : toStop) {
            if (each instanceof ServiceProcess process) {
                services.add(CompletableFuture.runAsync(process::close));
            }
        }
        CompletableFuture.allOf(services.toArray(CompletableFuture[]::new)).orTimeout(40, TimeUnit.SECONDS).exceptionally(e -> null).join();
        for (AutoCloseable each : toStop) {
            if (!(each instanceof ServiceProcess)) {
                try {
                    each.close();
                } catch (Exception e) {
                    System.err.println("while stopping: " + e.getMessage());
                }
            }
        }
        stopped.countDown();
    }

    private static void say(String format, Object... args) {
        System.out.println("[yunying] " + String.format(format, args));
    }
}
