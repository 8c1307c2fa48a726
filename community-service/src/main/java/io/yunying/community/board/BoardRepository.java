package io.yunying.community.board;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class BoardRepository implements PanacheRepositoryBase<Board, UUID> {

    public Uni<Board> findBySlug(String slug) {
        return find("slug", slug).firstResult();
    }
}
