package io.yunying.platform.security;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The platform's bearer-token check, remembering tokens it has already verified. An app sends the same token with
 * every request for its fifteen minutes; parsing it and checking its RS256 signature each time cost more than serving
 * a cached feed page or trending list. Every service (and the gateway) gets it through this library. The first request verifies it as always; later requests with the exact same token string reuse
 * the verified claims until the token expires. A refused token is never remembered, so it is checked (and refused)
 * every time; an expired one is verified again, and refused.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class RememberedTokens extends DefaultJWTParser {

    private static final int MAX_TOKENS = 50_000;

    private record Verified(JsonWebToken token, long expiresAtMillis) {
    }

    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    @Override
    public JsonWebToken parse(String bearerToken) throws ParseException {
        long now = System.currentTimeMillis();
        Verified known = verified.get(bearerToken);
        if (known != null && known.expiresAtMillis() > now) {
            return known.token();
        }
        JsonWebToken token = super.parse(bearerToken);
        long expires = token.getExpirationTime() * 1000;
        if (expires > now) {
            if (verified.size() >= MAX_TOKENS) {
                verified.values().removeIf(v -> v.expiresAtMillis() <= now);
                if (verified.size() >= MAX_TOKENS) {
                    verified.clear();
                }
            }
            verified.put(bearerToken, new Verified(token, expires));
        }
        return token;
    }
}
