package io.yunying.platform.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.problem.ProblemException;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} for writes a mobile client or a scheduler may retry. The first request with a key runs
 * and its successful answer is kept; a retry with the same key and the same request gets that answer again (with
 * {@code Idempotent-Replayed: true}) and changes nothing; the same key with a different request is a 422; a retry
 * while the first still runs is a 409. A failed request keeps nothing, so a retry runs it again. Keys are per
 * owner (the caller) and expire after {@link IdempotencySettings#ttl()}.
 * <p>
 * A plain class, not a bean: platform is in every application's bean index, including those without a database,
 * so each service that keeps records produces one from its own pool and configuration. The records live in the
 * service's {@code idempotency_record} table.
 */
public class IdempotentWrites {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";

    private final IdempotencyRecords records;
    private final IdempotencySettings settings;
    private final ObjectMapper json;
    private final Clock clock;

    public IdempotentWrites(Pool pool, IdempotencySettings settings, ObjectMapper json, Clock clock) {
        this.records = new IdempotencyRecords(pool);
        this.settings = settings;
        this.json = json;
        this.clock = clock;
    }

    /** {@link #once(String, String, String, Object, String, Supplier)} for an answer about no one in particular. */
    public Uni<Response> once(String owner, String key, String operation, Object request, Supplier<Uni<Response>> write) {
        return once(owner, key, operation, request, null, write);
    }

    /**
     * Runs {@code write} once per owner and key. {@code operation} names the endpoint (method and path), and with
     * the parsed request it makes the fingerprint a retry must match. {@code subject} names whom the answer is
     * about (null if no one), so that {@link #forgetSubject} can drop it when that person's data is erased.
     * Without a key the write simply runs.
     */
    public Uni<Response> once(String owner, String key, String operation, Object request, String subject,
                              Supplier<Uni<Response>> write) {
        if (key == null) {
            return Uni.createFrom().deferred(write::get);
        }
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw ProblemException.invalid(HEADER, "1 to 255 visible ASCII characters, such as a UUID");
        }
        String fingerprint = fingerprint(operation, request);
        Instant now = clock.instant();
        return records.claim(owner, key, fingerprint, subject, now, now.plus(settings.ttl()), now.minus(settings.abandonAfter()))
                .chain(claimed -> claimed ? run(owner, key, write) : earlier(owner, key, fingerprint));
    }

    /** Forgets expired keys; one statement, safe to run on every replica at once. Answers how many went. */
    public Uni<Integer> purgeExpired() {
        return records.purge(clock.instant());
    }

    /**
     * Forgets every stored answer about {@code subject}, with {@code client} so that it happens inside the
     * erasure's own transaction.
     */
    public static Uni<Void> forgetSubject(SqlClient client, String subject) {
        return IdempotencyRecords.forgetSubject(client, subject);
    }

    private Uni<Response> run(String owner, String key, Supplier<Uni<Response>> write) {
        return Uni.createFrom().deferred(write::get)
                .onFailure().call(() -> records.release(owner, key))
                .call(response -> records.complete(owner, key, response.getStatus(), body(response),
                        header(response, HttpHeaders.LOCATION), header(response, HttpHeaders.ETAG)));
    }

    private Uni<Response> earlier(String owner, String key, String fingerprint) {
        return records.find(owner, key).map(found -> {
            if (found == null) {
                throw inUse();
            }
            if (!found.fingerprint().equals(fingerprint)) {
                throw new ProblemException(422, "idempotency-key-reused", "Idempotency-Key reused",
                        "this Idempotency-Key was used for a different request; use a new key for a new request",
                        List.of(new Problem.FieldError(HEADER, "used for a different request", key)), Map.of());
            }
            if (found.status() == null) {
                throw inUse();
            }
            Response.ResponseBuilder replay = Response.status(found.status()).header(REPLAYED, "true");
            if (found.body() != null) {
                replay.entity(found.body()).type(MediaType.APPLICATION_JSON_TYPE);
            }
            if (found.location() != null) {
                replay.header(HttpHeaders.LOCATION, found.location());
            }
            if (found.etag() != null) {
                replay.header(HttpHeaders.ETAG, found.etag());
            }
            return replay.build();
        });
    }

    private static ProblemException inUse() {
        return new ProblemException(409, "idempotency-key-in-use", "Request in progress",
                "a request with this Idempotency-Key is still running; retry in a moment");
    }

    private String fingerprint(String operation, Object request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    (operation + "\n" + json.writeValueAsString(request)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String body(Response response) {
        if (!response.hasEntity()) {
            return null;
        }
        try {
            return json.writeValueAsString(response.getEntity());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(Response response, String name) {
        Object value = response.getMetadata().getFirst(name);
        if (value == null) {
            return null;
        }
        return value instanceof EntityTag tag ? "\"" + tag.getValue() + "\"" : value.toString();
    }
}
