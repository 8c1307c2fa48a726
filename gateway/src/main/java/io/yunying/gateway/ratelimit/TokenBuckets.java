package io.yunying.gateway.ratelimit;

import io.yunying.gateway.edge.EdgeConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per caller and route class, held in this gateway replica's memory. With N replicas
 * behind a load balancer a caller can reach N times a bucket's rate; configure buckets per replica
 * (the platform limit divided by the replica count).
 */
@ApplicationScoped
public class TokenBuckets {

    /** Idle buckets this old are full again and can be forgotten. */
    private static final long FORGET_AFTER_NANOS = 10L * 60 * 1_000_000_000;
    private static final int SWEEP_ABOVE = 50_000;

    private final Map<String, EdgeConfig.Bucket> classes;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public TokenBuckets(EdgeConfig config) {
        this.classes = config.rateLimits();
    }

    /** The verdict on one request, with what the rate-limit headers report. */
    public record Verdict(boolean allowed, int limit, int remaining, long resetSeconds, long retryAfterSeconds) {
    }

    public Verdict take(String rateClass, String caller) {
        EdgeConfig.Bucket spec = classes.get(rateClass);
        if (spec == null) {
            return new Verdict(true, -1, -1, 0, 0);
        }
        if (buckets.size() > SWEEP_ABOVE) {
            sweep(System.nanoTime());
        }
        Bucket bucket = buckets.computeIfAbsent(rateClass + '|' + caller, k -> new Bucket(spec.capacity()));
        return bucket.take(spec, System.nanoTime());
    }

    private void sweep(long now) {
        buckets.values().removeIf(b -> b.idleSince(now) > FORGET_AFTER_NANOS);
    }

    private static final class Bucket {
        private double tokens;
        private long last;

        Bucket(int capacity) {
            this.tokens = capacity;
            this.last = System.nanoTime();
        }

        synchronized Verdict take(EdgeConfig.Bucket spec, long now) {
            double refill = (now - last) / 1e9 * spec.refillPerSecond();
            tokens = Math.min(spec.capacity(), tokens + refill);
            last = now;
            long resetSeconds = (long) Math.ceil((spec.capacity() - tokens) / spec.refillPerSecond());
            if (tokens >= 1) {
                tokens -= 1;
                return new Verdict(true, spec.capacity(), (int) Math.floor(tokens), resetSeconds, 0);
            }
            long retryAfter = Math.max(1, (long) Math.ceil((1 - tokens) / spec.refillPerSecond()));
            return new Verdict(false, spec.capacity(), 0, resetSeconds, retryAfter);
        }

        synchronized long idleSince(long now) {
            return now - last;
        }
    }
}
