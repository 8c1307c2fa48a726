package io.yunying.push.consent;

import io.yunying.push.contact.Channel;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

@Schema(name = "Consent")
public record ConsentView(Channel channel, String topic, ConsentStatus status, String source, Instant changedAt) {
}
