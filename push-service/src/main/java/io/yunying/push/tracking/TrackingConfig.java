package io.yunying.push.tracking;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "push.tracking")
public interface TrackingConfig {

    /** Where recipients reach this service (usually the gateway): tracking and unsubscribe links start with it. */
    String publicUrl();

    /** HMAC key for tracking links; the same on every replica, at least 32 characters. */
    String secret();
}
