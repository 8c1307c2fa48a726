package io.yunying.community.appeal;

import io.smallrye.mutiny.Uni;
import io.yunying.community.support.Actor;
import io.yunying.community.support.Cursor;
import io.yunying.community.support.Page;
import io.yunying.platform.idempotency.IdempotentWrites;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

@Path("/api/community/appeals")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Appeals", description = "One appeal per decision; a reversal undoes the decision and its sanction")
public class AppealResource {

    @Schema(name = "FileAppeal", description = "Name exactly one decision: a sanction or a review decision on your post")
    public record AppealRequest(UUID sanctionId, UUID reviewItemId, @NotBlank @Size(max = 2000) String text) {
    }

    @Schema(name = "ResolveAppeal")
    public record ResolveRequest(@NotNull AppealService.Outcome outcome, @Size(max = 1000) String note) {
    }

    @Schema(name = "Appeal")
    public record AppealView(UUID id, UUID sanctionId, UUID reviewItemId, String appellantId, String text, String status,
                             String resolvedBy, String resolutionNote, Instant createdAt, Instant resolvedAt) {
        static AppealView of(Appeal a) {
            return new AppealView(a.id, a.sanctionId, a.reviewItemId, a.appellantId, a.text, a.status, a.resolvedBy,
                    a.resolutionNote, a.createdAt, a.resolvedAt);
        }
    }

    private final AppealService service;
    private final IdempotentWrites idempotency;
    private final JsonWebToken token;

    public AppealResource(AppealService service, IdempotentWrites idempotency, JsonWebToken token) {
        this.service = service;
        this.idempotency = idempotency;
        this.token = token;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.APP_USER})
    @Operation(summary = "Appeal a decision that hit you", description = "Allowed while sanctioned.")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = AppealView.class)))
    @APIResponse(responseCode = "409", description = "The decision already has an appeal, or a request with the same "
            + "Idempotency-Key is still running",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for a different request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> file(@Parameter(description = "a retry with the same key and body gets the first answer again")
                              @HeaderParam(IdempotentWrites.HEADER) String idempotencyKey,
                              @Valid @NotNull AppealRequest request) {
        return idempotency.once(token.getName(), idempotencyKey, "POST /api/community/appeals", request,
                () -> service.file(token.getName(), request.sanctionId(), request.reviewItemId(), request.text())
                        .map(a -> Response.created(URI.create("/api/community/appeals/" + a.id)).entity(AppealView.of(a)).build()));
    }

    @POST
    @Path("{id}/resolution")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.MODERATOR, Roles.ADMIN})
    @Operation(summary = "Uphold or reverse")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AppealView.class)))
    @APIResponse(responseCode = "409", description = "Already resolved",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AppealView> resolve(@PathParam("id") UUID id, @Valid @NotNull ResolveRequest request) {
        return service.resolve(id, request.outcome(), request.note(), token.getName()).map(AppealView::of);
    }

    @GET
    @RolesAllowed({Roles.MODERATOR, Roles.ADMIN})
    @Operation(summary = "Appeals by status, oldest first")
    public Uni<Page<AppealView>> list(@QueryParam("status") @DefaultValue("OPEN") String status,
                                      @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        int size = Cursor.limit(limit);
        return service.page(status, Cursor.parse(cursor), size + 1)
                .map(rows -> Page.of(rows, size, AppealView::of, a -> Cursor.of(a.createdAt, a.id)));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.APP_USER, Roles.MODERATOR, Roles.ADMIN})
    @Operation(summary = "One appeal", description = "Members see their own only.")
    public Uni<AppealView> get(@PathParam("id") UUID id) {
        return service.get(id, Actor.of(token)).map(AppealView::of);
    }
}
