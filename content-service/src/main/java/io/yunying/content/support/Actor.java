package io.yunying.content.support;

import io.quarkus.security.identity.SecurityIdentity;

import java.util.Set;

/** Who is acting: the token's subject and roles, or a job of the service itself. */
public record Actor(String name, Set<String> roles) {

    public static final Actor SCHEDULER = new Actor("system:scheduler", Set.of());
    public static final Actor MODERATION = new Actor("system:moderation-check", Set.of());
    public static final Actor POLICY = new Actor("system:review-policy", Set.of());

    public static Actor of(SecurityIdentity identity) {
        return new Actor(identity.getPrincipal().getName(), identity.getRoles());
    }

    public boolean hasAny(Set<String> wanted) {
        for (String role : wanted) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }
}
