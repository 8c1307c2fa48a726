package io.yunying.community.support;

import io.yunying.platform.security.Roles;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling, as the token says: the user id and whether they act as staff. */
public record Actor(String id, boolean staff) {

    public static Actor of(JsonWebToken token) {
        boolean staff = token.getGroups().contains(Roles.MODERATOR) || token.getGroups().contains(Roles.ADMIN);
        return new Actor(token.getName(), staff);
    }
}
