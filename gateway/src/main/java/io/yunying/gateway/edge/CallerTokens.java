package io.yunying.gateway.edge;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.yunying.gateway.account.AuthConfig;
import io.yunying.gateway.session.TokenIssuer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Verifies the bearer token of a request at the edge. Platform tokens are checked with the platform
 * public key (RS256 only, the platform issuer). Tokens of the app's own identity system are checked
 * with its key and exchanged for a platform app-user token, so services only ever verify one kind.
 */
@ApplicationScoped
public class CallerTokens {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(CallerTokens.class);
    private static final Pattern ISSUER = Pattern.compile("\"iss\"\\s*:\\s*\"([^\"]*)\"");
    /** Tokens remembered as verified (or exchanged) until they expire; beyond this many, expired ones are dropped (all, if none has expired). */
    private static final int CACHE_LIMIT = 20_000;

    private final JWTParser parser;
    private final TokenIssuer issuer;
    private final Clock clock;
    private final Optional<String> appIssuer;
    private final JWTAuthContextInfo appContext;
    private final String appUserClaim;
    private final ConcurrentHashMap<String, Remembered> exchanged = new ConcurrentHashMap<>();
    /** A token verified once is not verified again on every request until it expires (an RSA check each time otherwise). */
    private final ConcurrentHashMap<String, Remembered> verified = new ConcurrentHashMap<>();

    private record Remembered(Caller caller, Instant expiresAt) {
    }

    public CallerTokens(JWTParser parser, TokenIssuer issuer, AuthConfig config, Clock clock) {
        this.parser = parser;
        this.issuer = issuer;
        this.clock = clock;
        this.appIssuer = config.appIdentity().issuer();
        this.appUserClaim = config.appIdentity().userIdClaim();
        this.appContext = appIssuer.isPresent() && config.appIdentity().publicKeyLocation().isPresent()
                ? appContext(config.appIdentity().publicKeyLocation().get(), appIssuer.get())
                : null;
    }

    /** The verified caller, or empty when the token is missing, malformed, expired or untrusted. */
    public Optional<Caller> verify(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = authorization.substring(7).trim();
        try {
            if (appContext != null && appIssuer.get().equals(unverifiedIssuer(token))) {
                return Optional.of(exchange(token));
            }
            Remembered known = verified.get(token);
            Instant now = clock.instant();
            if (known != null && known.expiresAt().isAfter(now)) {
                return Optional.of(known.caller());
            }
            JsonWebToken jwt = parser.parse(token);
            Caller caller = new Caller(jwt.getSubject(), jwt.getName(), jwt.getGroups(), authorization);
            remember(verified, token, new Remembered(caller, Instant.ofEpochSecond(jwt.getExpirationTime())), now);
            return Optional.of(caller);
        } catch (ParseException | RuntimeException e) {
            LOG.debugf(e, "bearer token refused: %s", e.getMessage());
            return Optional.empty();
        }
    }

    private Caller exchange(String appToken) throws ParseException {
        Instant now = clock.instant();
        Remembered cached = exchanged.get(appToken);
        if (cached != null && cached.expiresAt().isAfter(now)) {
            return cached.caller();
        }
        JsonWebToken jwt = parser.parse(appToken, appContext);
        Object userId = jwt.getClaim(appUserClaim);
        if (userId == null) {
            throw new ParseException("the app token has no " + appUserClaim + " claim");
        }
        Instant appExpiry = Instant.ofEpochSecond(jwt.getExpirationTime());
        Duration lifetime = Duration.between(now, appExpiry);
        if (lifetime.compareTo(Duration.ofMinutes(15)) > 0) {
            lifetime = Duration.ofMinutes(15);
        }
        TokenIssuer.AccessToken platform = issuer.forAppUser(userId.toString(), lifetime);
        Caller caller = new Caller(userId.toString(), userId.toString(), Set.of("app-user"), "Bearer " + platform.token());
        // renew a minute before the platform token would expire
        remember(exchanged, appToken, new Remembered(caller, platform.expiresAt().minusSeconds(60)), now);
        return caller;
    }

    private static void remember(ConcurrentHashMap<String, Remembered> cache, String token, Remembered entry, Instant now) {
        if (cache.size() > CACHE_LIMIT) {
            cache.values().removeIf(e -> !e.expiresAt().isAfter(now));
            if (cache.size() > CACHE_LIMIT) {
                cache.clear();
            }
        }
        cache.put(token, entry);
    }

    /**
     * A key in a file or on the classpath is read once here: resolving it per request would depend on
     * the class loader of whichever event-loop thread runs the check. A JWKS URL is fetched (and cached)
     * by the JWT library.
     */
    private static JWTAuthContextInfo appContext(String keyLocation, String issuer) {
        JWTAuthContextInfo context = new JWTAuthContextInfo();
        context.setIssuedBy(issuer);
        if (keyLocation.startsWith("http://") || keyLocation.startsWith("https://")) {
            context.setPublicKeyLocation(keyLocation);
        } else {
            context.setPublicKeyContent(readKey(keyLocation));
        }
        context.setSignatureAlgorithm(Set.of(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256));
        return context;
    }

    private static String readKey(String location) {
        String path = location.startsWith("file:") ? location.substring(5) : location;
        try {
            java.nio.file.Path file = java.nio.file.Path.of(path);
            if (java.nio.file.Files.isRegularFile(file)) {
                return java.nio.file.Files.readString(file);
            }
            try (java.io.InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("the app identity key " + location + " does not exist");
                }
                return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the app identity key " + location + " cannot be read", e);
        }
    }

    /** Reads {@code iss} without verifying, only to choose the key to verify with. */
    private static String unverifiedIssuer(String token) {
        int first = token.indexOf('.');
        int second = token.indexOf('.', first + 1);
        if (first < 0 || second < 0) {
            return null;
        }
        try {
            String payload = new String(Base64.getUrlDecoder().decode(token.substring(first + 1, second)), StandardCharsets.UTF_8);
            Matcher m = ISSUER.matcher(payload);
            return m.find() ? m.group(1) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
