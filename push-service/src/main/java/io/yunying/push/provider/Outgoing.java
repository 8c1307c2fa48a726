package io.yunying.push.provider;

import io.yunying.push.contact.Channel;
import io.yunying.push.contact.Platform;
import io.yunying.push.template.Rendered;

import java.util.UUID;

/**
 * One message to one address. The delivery id is the idempotency key on every provider call: a
 * retry after a crash or a timeout carries the same key, so a provider that de-duplicates sends it once.
 */
public record Outgoing(long deliveryId, UUID contactId, Channel channel, String address, Platform platform, Rendered message) {

    public String idempotencyKey() {
        return Long.toString(deliveryId);
    }
}
