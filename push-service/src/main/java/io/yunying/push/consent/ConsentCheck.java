package io.yunying.push.consent;

import io.yunying.push.contact.Channel;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a sender must know before it sends: may it, and is it the contact's quiet time right now. */
@Schema(name = "ConsentCheck")
public record ConsentCheck(Channel channel, String topic, boolean granted, boolean quietHoursNow, String timeZone,
        @Schema(description = "EMAIL only: the token for the List-Unsubscribe link POST /api/push/unsubscribe/{token}") String unsubscribeToken) {
}
