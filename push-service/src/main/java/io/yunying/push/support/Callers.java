package io.yunying.push.support;

import io.quarkus.security.identity.SecurityIdentity;

/** Who is calling, in the words the push features use. */
public final class Callers {

    private Callers() {
    }

    /** The app user's own id: the token's subject is the user's external id. */
    public static String appUserId(SecurityIdentity identity) {
        return identity.getPrincipal().getName();
    }

    public static String name(SecurityIdentity identity) {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }
}
