package io.yunying.community.board;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

@Schema(name = "Board")
public record BoardView(UUID id, String slug, String name, String description, Instant createdAt, long version) {

    static BoardView of(Board board) {
        return new BoardView(board.id, board.slug, board.name, board.description, board.createdAt, board.version);
    }
}
