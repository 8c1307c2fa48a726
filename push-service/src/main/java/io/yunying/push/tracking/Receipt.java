package io.yunying.push.tracking;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;

/** A provider's later word on a message: delivered, bounced, or marked as spam. */
@Schema(name = "DeliveryReceipt")
public record Receipt(
        @Schema(description = "the delivery id (the idempotency key the provider was given)") Long deliveryId,
        @Size(max = 200) @Schema(description = "or the provider's own message id") String providerMessageId,
        @NotNull Type type,
        @Size(max = 20) Map<String, Object> detail) {

    public enum Type {
        DELIVERED, BOUNCED, COMPLAINED
    }
}
