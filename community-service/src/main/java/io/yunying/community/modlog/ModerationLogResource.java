package io.yunying.community.modlog;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.yunying.community.support.Cursor;
import io.yunying.community.support.Page;
import io.yunying.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.UUID;

@Path("/api/community/modlog")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Moderation log", description = "Every automatic and human moderation action")
public class ModerationLogResource {

    public record LogView(UUID id, String actor, String action, String subjectType, String subjectId, String reason,
                          Instant createdAt) {
        public static LogView of(ModerationLogEntry e) {
            return new LogView(e.id, e.actor, e.action, e.subjectType, e.subjectId, e.reason, e.createdAt);
        }
    }

    private final ModerationLogRepository repository;

    public ModerationLogResource(ModerationLogRepository repository) {
        this.repository = repository;
    }

    @GET
    @WithSession
    @RolesAllowed({Roles.MODERATOR, Roles.ADMIN})
    @Operation(summary = "Query the moderation log, newest first",
            description = "Filters: actor (a moderator's name or 'system'), action, subjectId. Cursor pagination.")
    public Uni<Page<LogView>> list(@QueryParam("actor") String actor, @QueryParam("action") String action,
                                   @QueryParam("subjectId") String subjectId, @QueryParam("cursor") String cursor,
                                   @QueryParam("limit") Integer limit) {
        int size = Cursor.limit(limit);
        Cursor after = Cursor.parse(cursor);
        return repository.page(actor, action, subjectId, after == null ? null : after.instant(), after == null ? null : after.id(), size + 1)
                .map(rows -> Page.of(rows, size, LogView::of, e -> Cursor.of(e.createdAt, e.id)));
    }
}
