package io.yunying.push.provider;

import java.time.Duration;

/** What a provider made of one message. */
public sealed interface SendResult {

    /** Accepted; the provider's id for it, when it gives one. */
    record Sent(String providerMessageId) implements SendResult {
    }

    /** Worth trying again: throttled, overloaded, unreachable. {@code retryAfter} is the provider's own wish, when given. */
    record Retry(String reason, Duration retryAfter) implements SendResult {
    }

    /** Never going to work for this address (unregistered token, bounced mailbox, invalid number): the address is suppressed. */
    record Permanent(String reason) implements SendResult {
    }
}
