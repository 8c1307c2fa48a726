package io.yunying.gateway.session;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.yunying.gateway.account.Account;
import io.yunying.gateway.account.AccountRepository;
import io.yunying.gateway.account.AuthConfig;
import io.yunying.gateway.account.PasswordHasher;
import io.yunying.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Sign-in, refresh and sign-out. Failures that must be remembered (a wrong password counting towards
 * lock-out, a replayed refresh token revoking its family) are committed first and reported after.
 */
@ApplicationScoped
public class SessionService {

    private static final Logger LOG = Logger.getLogger(SessionService.class);

    private final AccountRepository accounts;
    private final RefreshTokenRepository refreshTokens;
    private final PasswordHasher hasher;
    private final TokenIssuer issuer;
    private final AuthConfig config;
    private final Clock clock;

    public SessionService(AccountRepository accounts, RefreshTokenRepository refreshTokens, PasswordHasher hasher,
                          TokenIssuer issuer, AuthConfig config, Clock clock) {
        this.accounts = accounts;
        this.refreshTokens = refreshTokens;
        this.hasher = hasher;
        this.issuer = issuer;
        this.config = config;
        this.clock = clock;
    }

    /** What a successful sign-in or refresh hands out. */
    public record Session(Account account, TokenIssuer.AccessToken access, String refreshToken, Instant refreshExpiresAt) {
    }

    /** Either a session or the problem to answer with, decided inside the transaction. */
    private record Outcome(Session session, ProblemException problem) {
        Session orThrow() {
            if (problem != null) {
                throw problem;
            }
            return session;
        }
    }

    public Uni<Session> signIn(String username, String password) {
        return Panache.withTransaction(() -> accounts.findByUsername(username).flatMap(account -> {
            Instant now = clock.instant();
            if (account != null && account.lockedUntil != null && account.lockedUntil.isAfter(now)) {
                return Uni.createFrom().item(new Outcome(null, locked(account.lockedUntil)));
            }
            return hasher.matches(password, account == null ? null : account.passwordHash).flatMap(matched -> {
                if (account == null) {
                    return Uni.createFrom().item(new Outcome(null, invalidCredentials()));
                }
                if (!matched) {
                    return countFailure(account, now);
                }
                if (!account.enabled) {
                    return Uni.createFrom().item(new Outcome(null, invalidCredentials()));
                }
                account.failedSignIns = 0;
                account.lockedUntil = null;
                account.lastSignInAt = now;
                return startFamily(account, UUID.randomUUID(), now).map(session -> new Outcome(session, null));
            });
        })).map(Outcome::orThrow);
    }

    /**
     * Trades a refresh token for a new pair. A token used twice means it was stolen or replayed: the
     * whole family from that sign-in is revoked and the caller must sign in again.
     */
    public Uni<Session> refresh(String refreshToken) {
        return Panache.withTransaction(() -> refreshTokens.findByHash(TokenIssuer.hash(refreshToken)).flatMap(token -> {
            Instant now = clock.instant();
            if (token == null || token.revokedAt != null || token.expiresAt.isBefore(now)) {
                return Uni.createFrom().item(new Outcome(null, sessionEnded()));
            }
            if (token.usedAt != null) {
                LOG.warnf("refresh token of family %s was used twice; revoking the family", token.familyId);
                return refreshTokens.revokeFamily(token.familyId, now)
                        .replaceWith(new Outcome(null, sessionEnded()));
            }
            token.usedAt = now;
            return accounts.findById(token.accountId).flatMap(account -> {
                if (account == null || !account.enabled) {
                    return refreshTokens.revokeFamily(token.familyId, now).replaceWith(new Outcome(null, sessionEnded()));
                }
                return startFamily(account, token.familyId, now).map(session -> new Outcome(session, null));
            });
        })).map(Outcome::orThrow);
    }

    /** Ends the session the refresh token belongs to; an unknown token ends nothing and is not an error. */
    public Uni<Void> signOut(String refreshToken) {
        return Panache.withTransaction(() -> refreshTokens.findByHash(TokenIssuer.hash(refreshToken))
                .flatMap(token -> token == null ? Uni.createFrom().voidItem()
                        : refreshTokens.revokeFamily(token.familyId, clock.instant()).replaceWithVoid()));
    }

    @WithSession
    public Uni<Account> current(UUID accountId) {
        return accounts.findById(accountId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("account", accountId));
    }

    private Uni<Outcome> countFailure(Account account, Instant now) {
        account.failedSignIns++;
        if (account.failedSignIns >= config.maxFailedSignIns()) {
            account.failedSignIns = 0;
            account.lockedUntil = now.plus(config.lockout());
            LOG.warnf("account %s locked until %s after repeated failed sign-ins", account.username, account.lockedUntil);
        }
        return Uni.createFrom().item(new Outcome(null, invalidCredentials()));
    }

    private Uni<Session> startFamily(Account account, UUID familyId, Instant now) {
        String secret = issuer.newRefreshSecret();
        RefreshToken token = new RefreshToken();
        token.id = UUID.randomUUID();
        token.accountId = account.id;
        token.familyId = familyId;
        token.tokenHash = TokenIssuer.hash(secret);
        token.issuedAt = now;
        token.expiresAt = now.plus(config.refreshTokenLifetime());
        return refreshTokens.persist(token)
                .map(saved -> new Session(account, issuer.forOperator(account), secret, token.expiresAt));
    }

    private static ProblemException invalidCredentials() {
        return new ProblemException(401, "invalid-credentials", "Sign-in failed", "the username or password is wrong");
    }

    private static ProblemException sessionEnded() {
        return new ProblemException(401, "session-ended", "Session ended", "the refresh token is not valid; sign in again");
    }

    private static ProblemException locked(Instant until) {
        return new ProblemException(423, "account-locked", "Account locked",
                "too many failed sign-ins; try again after " + until, java.util.List.of(), Map.of("lockedUntil", until.toString()));
    }
}
