package io.yunying.platform.security;

/** The roles a platform token can carry in its {@code groups} claim. */
public final class Roles {

    public static final String ADMIN = "admin";
    public static final String EDITOR = "editor";
    public static final String REVIEWER = "reviewer";
    public static final String MODERATOR = "moderator";
    public static final String OPERATOR = "operator";
    public static final String APP_USER = "app-user";
    /** Another Yunying service calling with a client-credentials token. */
    public static final String SERVICE = "service";

    private Roles() {
    }
}
