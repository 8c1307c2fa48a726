package io.yunying.push.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
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
 * {@code Idempotency-Key} for writes a mobile client or a scheduler may retry, with the semantics of the
 * other services. The first request with a key runs and its successful answer is kept; a retry with the same
 * key and the same request gets that answer again (with {@code Idempotent-Replayed: true}) and changes
 * nothing; the same key with a different request is a 422; a retry while the first still runs is a 409.
 * A failed request keeps nothing, so a retry runs it again. Keys are per caller and expire after
 * {@code push.idempotency.ttl}.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";

    private final IdempotencyRepository records;
    private final IdempotencyConfig config;
    private final ObjectMapper json;
    private final Clock clock;

    public Idempotency(IdempotencyRepository records, IdempotencyConfig config, ObjectMapper json, Clock clock) {
        this.records = records;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Runs {@code write} once per caller and key. {@code operation} names the endpoint (method and path), and
     * with the parsed request it makes the fingerprint a retry must match. {@code subject} is the external id
     * of the contact the answer is about (null if none), so that erasing the contact forgets the answer.
     */
    public Uni<Response> once(String caller, String key, String operation, Object request, String subject,
                              Supplier<Uni<Response>> write) {
        if (key == null) {
            return Uni.createFrom().deferred(write::get);
        }
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw ProblemException.invalid(HEADER, "1 to 255 visible ASCII characters, such as a UUID");
        }
        String fingerprint = fingerprint(operation, request);
        Instant now = clock.instant();
        return records.claim(caller, key, fingerprint, subject, now, now.plus(config.ttl()), now.minus(config.abandonAfter()))
                .chain(claimed -> claimed ? run(caller, key, write) : earlier(caller, key, fingerprint));
    }

    private Uni<Response> run(String caller, String key, Supplier<Uni<Response>> write) {
        return Uni.createFrom().deferred(write::get)
                .onFailure().call(() -> records.release(caller, key))
                .call(response -> records.complete(caller, key, response.getStatus(), body(response),
                        header(response, HttpHeaders.LOCATION), header(response, HttpHeaders.ETAG)));
    }

    private Uni<Response> earlier(String caller, String key, String fingerprint) {
        return records.find(caller, key).map(found -> {
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

    /** Forgets expired keys; one statement, safe on every replica. */
    @Scheduled(every = "1h", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return records.purge(clock.instant()).replaceWithVoid();
    }
}
