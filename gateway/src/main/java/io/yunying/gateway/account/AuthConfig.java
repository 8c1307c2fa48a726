package io.yunying.gateway.account;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** How operators and apps sign in, and how long what they get lasts. */
@ConfigMapping(prefix = "yunying.gateway.auth")
public interface AuthConfig {

    /** The admin created on first start when no account of that name exists. */
    FirstAdmin firstAdmin();

    @WithDefault("15m")
    Duration accessTokenLifetime();

    @WithDefault("14d")
    Duration refreshTokenLifetime();

    /** Work factor of bcrypt; each step doubles the cost of a sign-in and of a guess. */
    @WithDefault("11")
    int bcryptCost();

    /** Failed sign-ins in a row after which an account is locked. */
    @WithDefault("5")
    int maxFailedSignIns();

    @WithDefault("15m")
    Duration lockout();

    /** Issue app-user tokens for any user id on request: only for local and demo platforms. */
    @WithDefault("false")
    boolean devAppUserTokens();

    /** Tokens the app's own identity system issues, accepted at the edge. */
    AppIdentity appIdentity();

    /** Other services and jobs that get {@code service} tokens with a client id and secret. */
    Map<String, ServiceClient> serviceClients();

    interface FirstAdmin {
        @WithDefault("admin")
        String username();

        /** Without a password no first admin is created. */
        Optional<String> password();
    }

    interface AppIdentity {
        /** The issuer ({@code iss}) of the app's tokens; unset means app tokens are not accepted. */
        Optional<String> issuer();

        /** PEM public key or JWKS location (file, classpath or https URL) of the app's identity system. */
        Optional<String> publicKeyLocation();

        /** The claim holding the app's user id. */
        @WithDefault("sub")
        String userIdClaim();
    }

    interface ServiceClient {
        /** bcrypt hash of the client's secret (production). */
        Optional<String> secretHash();

        /** The secret itself, for local platforms that generate it at start; ignored when a hash is set. */
        Optional<String> secret();
    }
}
