package io.yunying.push.provider;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * Where the providers are. Every URL can point at a local fake; a provider that cannot be reached
 * makes its deliveries retry with backoff (and end in the dead-letter view), never lose them.
 */
@ConfigMapping(prefix = "push.providers")
public interface ProviderConfig {

    /** FCM HTTP v1: POST {url}/v1/projects/{project}/messages:send with a bearer access token. */
    Fcm fcm();

    /** APNs: POST {url}/3/device/{token} with a provider token (JWT) and the app's bundle id as apns-topic. */
    Apns apns();

    /** SMS gateway: POST {url}/messages. */
    Sms sms();

    /** How long one provider call may take. */
    @WithDefault("10s")
    Duration timeout();

    /** Connections kept to each HTTP provider. */
    @WithDefault("64")
    int maxConnections();

    /** The sender address of email (the SMTP server itself is quarkus.mailer.*). */
    @WithDefault("Yunying <no-reply@yunying.example>")
    String emailFrom();

    interface Fcm {
        String url();

        String project();

        Optional<String> accessToken();
    }

    interface Apns {
        String url();

        /** The app's bundle id. */
        String topic();

        Optional<String> authToken();

        /** Real APNs speaks HTTP/2 only. */
        @WithDefault("false")
        boolean http2();
    }

    interface Sms {
        String url();

        Optional<String> apiKey();

        @WithDefault("Yunying")
        String sender();
    }
}
