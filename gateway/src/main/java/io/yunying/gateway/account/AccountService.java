package io.yunying.gateway.account;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.yunying.gateway.account.AccountDtos.CreateAccount;
import io.yunying.gateway.account.AccountDtos.OperatorRole;
import io.yunying.gateway.account.AccountDtos.UpdateAccount;
import io.yunying.gateway.session.RefreshTokenRepository;
import io.yunying.platform.problem.DatabaseErrors;
import io.yunying.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class AccountService {

    private final AccountRepository accounts;
    private final RefreshTokenRepository refreshTokens;
    private final PasswordHasher hasher;
    private final Clock clock;

    public AccountService(AccountRepository accounts, RefreshTokenRepository refreshTokens, PasswordHasher hasher, Clock clock) {
        this.accounts = accounts;
        this.refreshTokens = refreshTokens;
        this.hasher = hasher;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Account> create(CreateAccount request) {
        return hasher.hash(request.password()).flatMap(hash -> {
            Account account = new Account();
            account.id = UUID.randomUUID();
            account.username = request.username();
            account.displayName = request.displayName();
            account.passwordHash = hash;
            account.roles = names(request.roles());
            account.enabled = true;
            account.createdAt = clock.instant();
            return accounts.persistAndFlush(account);
        }).onFailure(DatabaseErrors::isUniqueViolation).transform(e -> ProblemException.conflict("username-taken",
                "Username already in use", "an account named " + request.username() + " exists",
                Map.of("username", request.username())));
    }

    /**
     * Changes an account; the caller's {@code expectedVersion} (from If-Match) must be current.
     * Disabling an account or changing its password or roles ends its sessions.
     */
    @WithTransaction
    public Uni<Account> update(UUID id, long expectedVersion, UpdateAccount change) {
        return find(id).flatMap(account -> {
            if (account.version != expectedVersion) {
                throw ProblemException.preconditionFailed("the account changed since version " + expectedVersion
                        + "; it is at version " + account.version);
            }
            boolean endSessions = change.password() != null || change.roles() != null || Boolean.FALSE.equals(change.enabled());
            if (change.displayName() != null) {
                account.displayName = change.displayName();
            }
            if (change.roles() != null) {
                account.roles = names(change.roles());
            }
            if (change.enabled() != null) {
                account.enabled = change.enabled();
                if (account.enabled) {
                    account.failedSignIns = 0;
                    account.lockedUntil = null;
                }
            }
            Uni<Account> changed = change.password() == null ? Uni.createFrom().item(account)
                    : hasher.hash(change.password()).map(hash -> {
                        account.passwordHash = hash;
                        return account;
                    });
            return changed.flatMap(a -> endSessions
                    ? refreshTokens.revokeAllOf(a.id, clock.instant()).replaceWith(a)
                    : Uni.createFrom().item(a));
        }).flatMap(accounts::persistAndFlush);
    }

    @WithSession
    public Uni<Account> get(UUID id) {
        return find(id);
    }

    @WithSession
    public Uni<List<Account>> page(AccountOrder order, AccountCursor after, int limit) {
        return accounts.page(order, after, limit);
    }

    private Uni<Account> find(UUID id) {
        return accounts.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("account", id));
    }

    private static String[] names(Set<OperatorRole> roles) {
        return roles.stream().map(Enum::name).sorted().toArray(String[]::new);
    }
}
