package io.yunying.gateway.account;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.yunying.gateway.account.AccountDtos.CreateAccount;
import io.yunying.gateway.account.AccountDtos.OperatorRole;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.Set;

/** Creates the configured first admin on start when no account has that name, so a new platform can be entered. */
@Singleton
public class FirstAdmin {

    private static final Logger LOG = Logger.getLogger(FirstAdmin.class);

    private final AuthConfig config;
    private final AccountRepository accounts;
    private final AccountService service;

    public FirstAdmin(AuthConfig config, AccountRepository accounts, AccountService service) {
        this.config = config;
        this.accounts = accounts;
        this.service = service;
    }

    void onStart(@Observes StartupEvent start) throws Throwable {
        String username = config.firstAdmin().username();
        if (config.firstAdmin().password().isEmpty()) {
            return;
        }
        String password = config.firstAdmin().password().get();
        boolean created = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> accounts.findByUsername(username))
                .flatMap(existing -> existing != null
                        ? io.smallrye.mutiny.Uni.createFrom().item(false)
                        : service.create(new CreateAccount(username, "Administrator", password, Set.of(OperatorRole.admin)))
                                .replaceWith(true)
                                // another replica created it first: fine
                                .onFailure(io.yunying.platform.problem.ProblemException.class).recoverWithItem(false)));
        if (created) {
            LOG.infof("created the first admin account %s", username);
        }
    }
}
