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

        /** A ready access token (for a fake provider); ignored when a service account is configured. */
        Optional<String> accessToken();

        /**
         * A Google service-account key file (JSON with client_email, private_key, private_key_id, token_uri):
         * access tokens are obtained with it and renewed before they expire.
         */
        Optional<String> serviceAccount();

        @WithDefault("https://www.googleapis.com/auth/firebase.messaging")
        String scope();
    }

    interface Apns {
        String url();

        /** The app's bundle id. */
        String topic();

        /** A ready provider token (for a fake provider); ignored when a signing key is configured. */
        Optional<String> authToken();

        /** The team's APNs signing key (.p8, PKCS#8 PEM, P-256): provider tokens are signed with it (ES256). */
        Optional<String> keyFile();

        /** The signing key's id (the JWT's kid). */
        Optional<String> keyId();

        /** The Apple developer team id (the JWT's iss). */
        Optional<String> teamId();

        /** How long one provider token is used (APNs: renewed at most every 20 minutes, valid for 60). */
        @WithDefault("50m")
        Duration tokenReuse();

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
