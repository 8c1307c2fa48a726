package io.yunying.launcher;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** What the run command reads from the environment; every value has a default that works on a laptop. */
record Settings(Path home,
                Path dataDirectory,
                String externalDbHost,
                int dbPort,
                String dbUser,
                String dbPassword,
                int gatewayPort,
                int contentPort,
                int communityPort,
                int pushPort,
                List<String> jvmOptions,
                boolean demoData,
                int instances,
                java.util.Set<String> skipped) {

    static Settings from(Map<String, String> env, Path home) {
        String externalHost = env.get("YUNYING_DB_HOST");
        boolean external = externalHost != null && !externalHost.isBlank();
        return new Settings(
                home,
                Path.of(env.getOrDefault("YUNYING_DATA_DIR", home.resolve(".data").toString())),
                external ? externalHost : null,
                Integer.parseInt(env.getOrDefault("YUNYING_DB_PORT", external ? "5432" : "15432")),
                env.getOrDefault("YUNYING_DB_USER", "postgres"),
                env.getOrDefault("YUNYING_DB_PASSWORD", "postgres"),
                Integer.parseInt(env.getOrDefault("YUNYING_GATEWAY_PORT", "8080")),
                Integer.parseInt(env.getOrDefault("YUNYING_CONTENT_PORT", "8081")),
                Integer.parseInt(env.getOrDefault("YUNYING_COMMUNITY_PORT", "8082")),
                Integer.parseInt(env.getOrDefault("YUNYING_PUSH_PORT", "8083")),
                Arrays.asList(env.getOrDefault("YUNYING_JAVA_OPTS",
                        "-Xmx256m -XX:MaxMetaspaceSize=192m -XX:+UseSerialGC -Xss512k").trim().split("\\s+")),
                !"false".equalsIgnoreCase(env.getOrDefault("YUNYING_DEMO_DATA", "true")),
                Math.max(1, Integer.parseInt(env.getOrDefault("YUNYING_INSTANCES", "1"))),
                Arrays.stream(env.getOrDefault("YUNYING_SKIP", "").toLowerCase().split("[,\\s]+"))
                        .filter(name -> !name.isBlank()).collect(java.util.stream.Collectors.toSet()));
    }

    boolean starts(String application) {
        return !skipped.contains(application);
    }

    boolean embeddedDatabase() {
        return externalDbHost == null;
    }

    Path logs() {
        return dataDirectory.resolve("logs");
    }
}
