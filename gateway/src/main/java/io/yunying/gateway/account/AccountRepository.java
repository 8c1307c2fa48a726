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

    /** One page in the given order, after the cursor's row (keyset pagination); no cursor: the first page. */
    public Uni<List<Account>> page(AccountOrder order, AccountCursor after, int limit) {
        return (after == null
                ? find(order.orderBy().substring(1))
                : find("(" + order.after() + ")" + order.orderBy(), order.keyOf(after.key()), after.id()))
                .page(0, limit).list();
    }
}
