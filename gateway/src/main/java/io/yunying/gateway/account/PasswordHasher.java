package io.yunying.gateway.account;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * bcrypt on a worker thread: a hash takes tens of milliseconds by design and must not block the event
 * loop. Results come back on the caller's context, so a database session can carry on with them.
 */
@ApplicationScoped
public class PasswordHasher {

    /** Compared against when the username is unknown, so that case takes as long as a wrong password. */
    private final String decoy;
    private final Vertx vertx;
    private final int cost;

    public PasswordHasher(Vertx vertx, AuthConfig config) {
        this.vertx = vertx;
        this.cost = config.bcryptCost();
        this.decoy = BcryptUtil.bcryptHash("decoy-password-for-unknown-users", cost);
    }

    public Uni<String> hash(String password) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> BcryptUtil.bcryptHash(password, cost)));
    }

    public Uni<Boolean> matches(String password, String hash) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            boolean matched = BcryptUtil.matches(password, hash == null ? decoy : hash);
            return matched && hash != null;
        }));
    }
}
