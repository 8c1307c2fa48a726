package io.yunying.gateway.account;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class AccountRepository implements PanacheRepositoryBase<Account, UUID> {

    public Uni<Account> findByUsername(String username) {
        return find("lower(username) = lower(?1)", username).firstResult();
    }

    /** One page in username order, after the given username (keyset pagination). */
    public Uni<List<Account>> page(String afterUsername, int limit) {
        return (afterUsername == null
                ? find("order by lower(username)")
                : find("lower(username) > lower(?1) order by lower(username)", afterUsername))
                .page(0, limit).list();
    }
}
