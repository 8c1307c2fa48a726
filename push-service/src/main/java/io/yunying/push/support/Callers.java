package io.yunying.push.support;

import io.quarkus.security.identity.SecurityIdentity;
import io.yunying.platform.security.Roles;

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

    /**
     * The caller as a namespace for its Idempotency-Keys. App-user ids and staff account names are chosen by
     * different people, so the two never share a namespace: an app user named like an operator account gets
     * none of that operator's stored answers.
     */
    public static String scope(SecurityIdentity identity) {
        return (identity.hasRole(Roles.APP_USER) ? "app-user:" : "account:") + name(identity);
    }
}
