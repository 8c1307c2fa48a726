package io.yunying.push.contact;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

@Schema(name = "Contact")
public record ContactView(UUID id, String externalId, Platform platform, String locale, String timeZone, String region,
                          String acquisitionChannel, Gender gender, String ageBand, String appVersion, String deviceModel,
                          String membershipTier, Instant membershipExpiresAt, Map<String, Object> attributes,
                          Instant signedUpAt, Instant lastSeenAt, DoNotDisturb doNotDisturb,
                          @Schema(description = "lifecycle stage, once computed", example = "active") String lifecycleStage,
                          @Schema(description = "RFM scores, when the contact purchased in the RFM window") Rfm rfm,
                          Instant createdAt, Instant updatedAt, long version) {

    @Schema(name = "ContactRfm")
    public record Rfm(int recency, int frequency, int monetary, String group) {
    }
}
