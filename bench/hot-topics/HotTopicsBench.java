import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load for the hot-topic benchmark (bench/hot-topics/run.sh), a single-file program with no dependency on the services:
 * <pre>
 *   ingest URL TOKEN SECONDS THREADS BATCH [RATE]  batches of random signals through POST /api/community/trends/signals,
 *                                              as fast as they are taken or paced at RATE events/s
 *   probe URL TOKEN SECONDS RATE               GET the public rising list at a fixed RATE of requests/s; latency counted
 *                                              from when each request was due, so a stall is not hidden by waiting it out
 *   raw JDBC_URL SECONDS THREADS BATCH         the same rows straight into a PostgreSQL table (the ceiling)
 *   plant URL SERVICE_TOKEN READER_TOKEN USERS a burst on a new topic; seconds until the public rising list shows it
 * </pre>
 * Signals: 100,000 topics and 1,000,000 users, uniformly drawn, one topic per event, stamped now.
 */
public class HotTopicsBench {

    static final int TOPICS = 100_000;
    static final int USERS = 1_000_000;

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "ingest" -> ingest(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]),
                    args.length > 6 ? Integer.parseInt(args[6]) : 0);
            case "probe" -> probe(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "raw" -> raw(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "plant" -> plant(args[1], args[2], args[3], Integer.parseInt(args[4]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static String batch(int size, String topic, int firstUser) {
        return batch(size, topic, firstUser, Instant.now());
    }

    static String batch(int size, String topic, int firstUser, Instant occurredAt) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String at = occurredAt.toString();
        StringBuilder json = new StringBuilder(size * 130).append('[');
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                json.append(',');
            }
            String t = topic != null ? topic : "t" + random.nextInt(TOPICS);
            String u = topic != null ? "burst-" + (firstUser + i) : "u" + random.nextInt(USERS);
            json.append("{\"id\":\"").append(randomUuid(random)).append("\",\"topics\":[\"").append(t)
                    .append("\"],\"actor\":\"").append(u).append("\",\"occurredAt\":\"").append(at).append("\"}");
        }
        return json.append(']').toString();
    }

    /** A version-4 UUID from a fast generator (the event ids only need to be unique, not unguessable). */
    static UUID randomUuid(ThreadLocalRandom random) {
        return new UUID((random.nextLong() & ~0xF000L) | 0x4000L, (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
    }

    static void ingest(String url, String token, int seconds, int threads, int batchSize, int rate) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicLong accepted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        // paced: batch k is due at start + k × every and goes then, whichever thread is free (a late batch goes at once, none
        // is skipped, so the rate is what the service sustains up to RATE). Its body is written before the start, stamped
        // with its due time, so the generator's own work does not compete with the service for the cores while it runs.
        long every = rate > 0 ? (long) (1e9 * batchSize / rate) : 0;
        byte[][] bodies = new byte[rate > 0 ? (int) Math.ceil((double) seconds * rate / batchSize) : 0][];
        Instant startAt = Instant.now().plusSeconds(1);
        for (int k = 0; k < bodies.length; k++) {
            bodies[k] = batch(batchSize, null, 0, startAt.plusNanos(k * every)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        long untilStart = java.time.Duration.between(Instant.now(), startAt).toNanos();
        long start = System.nanoTime() + Math.max(0, untilStart);
        long end = start + seconds * 1_000_000_000L;
        AtomicLong nextBatch = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    byte[] body;
                    if (every > 0) {
                        long k = nextBatch.getAndIncrement();
                        if (k >= bodies.length) {
                            break;
                        }
                        long wait = start + k * every - System.nanoTime();
                        if (wait > 0) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                        body = bodies[(int) k];
                    } else {
                        body = batch(batchSize, null, 0).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    }
                    try {
                        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/api/community/trends/signals"))
                                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 202) {
                            accepted.addAndGet(batchSize);
                        } else {
                            failed.incrementAndGet();
                            System.err.println(response.statusCode() + " " + response.body());
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            });
            t.start();
            workers.add(t);
        }
        for (Thread t : workers) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("ingest: %d events in %.1f s = %.0f events/s (%d threads, batches of %d, %s, %d failed requests)%n",
                accepted.get(), elapsed, accepted.get() / elapsed, threads, batchSize, rate > 0 ? "paced at " + rate + " events/s" : "unpaced",
                failed.get());
    }

    static void probe(String url, String token, int seconds, int rate) throws Exception {
        URI target = URI.create(url);
        byte[] request = ("GET /api/community/trends?window=rising HTTP/1.1\r\nHost: " + target.getHost() + ":" + target.getPort()
                + "\r\nAuthorization: Bearer " + token + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        // the client's own warm-up (its connections, class loading, JIT) is not the service's latency: the first 3 s of the
        // same schedule, on the same threads, are not counted
        int warmUp = 3 * rate;
        int total = seconds * rate;
        long[] latencies = new long[total];
        AtomicLong next = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime() + 100_000_000L;
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            Thread t = new Thread(() -> {
                // a plain keep-alive socket per thread: the probe has to cost the machine little, or it measures itself
                KeepAlive connection = new KeepAlive(target.getHost(), target.getPort());
                for (int i = (int) next.getAndIncrement(); i < warmUp + total; i = (int) next.getAndIncrement()) {
                    long due = start + (long) (i * 1e9 / rate);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                    boolean ok = connection.get(request) == 200;
                    if (i >= warmUp) {
                        latencies[i - warmUp] = System.nanoTime() - due;
                        if (!ok) {
                            failed.incrementAndGet();
                        }
                    }
                }
            });
            t.start();
            workers.add(t);
        }
        for (Thread t : workers) {
            t.join();
        }
        if (System.getenv("PROBE_TRACE") != null) {
            for (int i = 0; i < total; i++) {
                if (latencies[i] > 10_000_000L) {
                    System.err.printf("slow: at %.2f s, %.1f ms%n", i / (double) rate, latencies[i] / 1e6);
                }
            }
        }
        java.util.Arrays.sort(latencies);
        System.out.printf("probe: %d requests at %d/s over %d s (after 3 s not counted), %d failed; latency p50 %.2f ms, p90 %.2f ms, "
                        + "p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n",
                total, rate, seconds, failed.get(), at(latencies, 0.50), at(latencies, 0.90), at(latencies, 0.99), at(latencies, 0.999),
                latencies[total - 1] / 1e6);
    }

    /** One HTTP/1.1 connection, reopened when it fails; answers read by Content-Length. */
    static final class KeepAlive {
        private final String host;
        private final int port;
        private java.net.Socket socket;
        private java.io.InputStream in;

        KeepAlive(String host, int port) {
            this.host = host;
            this.port = port;
        }

        int get(byte[] request) {
            try {
                if (socket == null) {
                    socket = new java.net.Socket(host, port);
                    socket.setTcpNoDelay(true);
                    in = new java.io.BufferedInputStream(socket.getInputStream(), 65536);
                }
                socket.getOutputStream().write(request);
                String status = line();
                int length = -1;
                for (String header = line(); !header.isEmpty(); header = line()) {
                    if (header.regionMatches(true, 0, "content-length:", 0, 15)) {
                        length = Integer.parseInt(header.substring(15).trim());
                    }
                }
                if (length < 0) {
                    throw new java.io.IOException("no Content-Length");
                }
                in.readNBytes(length);
                return Integer.parseInt(status.split(" ")[1]);
            } catch (Exception e) {
                try {
                    if (socket != null) {
                        socket.close();
                    }
                } catch (java.io.IOException ignored) {
                    // closing a broken connection
                }
                socket = null;
                return -1;
            }
        }

        private String line() throws java.io.IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new java.io.EOFException();
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }
    }

    private static double at(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    static void raw(String jdbcUrl, int seconds, int threads, int batchSize) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
            c.createStatement().execute("drop table if exists raw_signal; create table raw_signal (id uuid primary key, topic text not null, actor text not null, at timestamptz not null)");
        }
        AtomicLong rows = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long start = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            Thread t = new Thread(() -> {
                try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                     PreparedStatement insert = c.prepareStatement(
                             "insert into raw_signal select * from unnest(?::uuid[], ?::text[], ?::text[], ?::timestamptz[]) on conflict do nothing")) {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    while (System.nanoTime() < end) {
                        String[] ids = new String[batchSize];
                        String[] topics = new String[batchSize];
                        String[] actors = new String[batchSize];
                        String[] ats = new String[batchSize];
                        String at = Instant.now().toString();
                        for (int i = 0; i < batchSize; i++) {
                            ids[i] = UUID.randomUUID().toString();
                            topics[i] = "t" + random.nextInt(TOPICS);
                            actors[i] = "u" + random.nextInt(USERS);
                            ats[i] = at;
                        }
                        insert.setArray(1, c.createArrayOf("text", ids));
                        insert.setArray(2, c.createArrayOf("text", topics));
                        insert.setArray(3, c.createArrayOf("text", actors));
                        insert.setArray(4, c.createArrayOf("text", ats));
                        insert.executeUpdate();
                        rows.addAndGet(batchSize);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            t.start();
            workers.add(t);
        }
        for (Thread t : workers) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("raw: %d rows in %.1f s = %.0f rows/s (%d connections, batches of %d, one commit each)%n",
                rows.get(), elapsed, rows.get() / elapsed, threads, batchSize);
    }

    static void plant(String url, String serviceToken, String readerToken, int users) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String topic = "planted-" + UUID.randomUUID().toString().substring(0, 8);
        long start = System.nanoTime();
        for (int sent = 0; sent < users; sent += 500) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/community/trends/signals"))
                    .header("Authorization", "Bearer " + serviceToken).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(batch(Math.min(500, users - sent), topic, sent))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 202) {
                throw new IllegalStateException(r.statusCode() + " " + r.body());
            }
        }
        double sentAfter = (System.nanoTime() - start) / 1e9;
        String list = url + "/api/community/trends?window=rising&limit=20";
        while (true) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(list)).header("Authorization", "Bearer " + readerToken).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200 && r.body().contains("\"" + topic + "\"")) {
                break;
            }
            if (System.nanoTime() - start > 120_000_000_000L) {
                throw new IllegalStateException(topic + " did not appear within 120 s");
            }
            Thread.sleep(100);
        }
        System.out.printf("plant: %s (%d users, sent in %.2f s) in the public rising list %.2f s after the burst started%n",
                topic, users, sentAfter, (System.nanoTime() - start) / 1e9);
    }
}
