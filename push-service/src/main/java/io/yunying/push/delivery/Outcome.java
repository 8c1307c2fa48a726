package io.yunying.push.delivery;

import java.time.Instant;

/**
 * What becomes of a claimed delivery, written back in one statement per batch.
 * {@code refund} gives the claim's attempt back (a hold or a throttle wait is not an attempt).
 */
record Outcome(long id, String status, String reason, Instant dueAt, Instant sentAt, String sentChannel, String providerMessageId,
               boolean refund, boolean deadLetter, Suppress suppress, String event) {

    record Suppress(String channel, String address, String reason) {
    }

    static Outcome sent(long id, String channel, String providerId, Instant at, String event) {
        return new Outcome(id, "SENT", null, null, at, channel, providerId, false, false, null, event);
    }

    static Outcome dropped(long id, String reason) {
        return new Outcome(id, "DROPPED", reason, null, null, null, null, false, false, null, null);
    }

    static Outcome held(long id, String reason, Instant until) {
        return new Outcome(id, "PENDING", reason, until, null, null, null, true, false, null, null);
    }

    static Outcome retry(long id, String reason, Instant at) {
        return new Outcome(id, "PENDING", reason, at, null, null, null, false, false, null, null);
    }

    static Outcome dead(long id, String reason) {
        return new Outcome(id, "FAILED", reason, null, null, null, null, false, true, null, null);
    }

    static Outcome permanent(long id, String reason, Suppress suppress, String event) {
        return new Outcome(id, "FAILED", reason, null, null, null, null, false, false, suppress, event);
    }
}
