package io.yunying.push.importing;

/**
 * One valid row, as text ready to bind; null means "keep what is there" for an existing contact. Addresses and
 * consents are checked JSON arrays.
 */
record ImportRow(String externalId, String platform, String locale, String timeZone, String region, String acquisitionChannel,
                 String gender, String ageBand, String appVersion, String deviceModel, String membershipTier,
                 String membershipExpiresAt, String signedUpAt, String attributes, String email, String phone,
                 String addresses, String consents) {
}
