package io.yunying.community.board;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.yunying.platform.problem.DatabaseErrors;
import io.yunying.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class BoardService {

    private final BoardRepository boards;
    private final Clock clock;

    public BoardService(BoardRepository boards, Clock clock) {
        this.boards = boards;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Board> open(CreateBoardRequest request) {
        Board board = new Board();
        board.id = UUID.randomUUID();
        board.slug = request.slug();
        board.name = request.name().strip();
        board.description = request.description();
        board.createdAt = clock.instant();
        return boards.persistAndFlush(board)
                .onFailure(DatabaseErrors::isUniqueViolation).transform(e -> ProblemException.conflict(
                        "slug-taken", "Slug already in use", "another board already has the slug " + request.slug(),
                        Map.of("slug", request.slug())));
    }

    @WithSession
    public Uni<Board> get(String slug) {
        return boards.findBySlug(slug)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("board", slug));
    }
}
