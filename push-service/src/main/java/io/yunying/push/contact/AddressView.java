package io.yunying.push.contact;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

@Schema(name = "Address")
public record AddressView(Channel channel, String deviceId, String address, Instant updatedAt) {
}
