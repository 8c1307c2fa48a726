package io.yunying.community.board;

import io.smallrye.mutiny.Uni;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/community/boards")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Boards", description = "Boards (circles) where community posts live")
public class BoardResource {

    private final BoardService service;

    public BoardResource(BoardService service) {
        this.service = service;
    }

    @POST
    @RolesAllowed({Roles.MODERATOR, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Open a board")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = BoardView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields are listed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The slug is taken",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> open(@Valid @NotNull CreateBoardRequest request, @Context UriInfo uri) {
        return service.open(request)
                .map(board -> Response.created(uri.getAbsolutePathBuilder().path(board.slug).build())
                        .tag(new EntityTag(Long.toString(board.version)))
                        .entity(BoardView.of(board))
                        .build());
    }

    @GET
    @RolesAllowed({Roles.APP_USER, Roles.MODERATOR, Roles.EDITOR, Roles.OPERATOR, Roles.ADMIN})
    @Path("{slug}")
    @Operation(summary = "Fetch one board by its slug")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = BoardView.class)))
    @APIResponse(responseCode = "404", description = "No such board",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> get(@PathParam("slug") String slug) {
        return service.get(slug).map(board -> Response.ok(BoardView.of(board))
                .tag(new EntityTag(Long.toString(board.version))).build());
    }
}
