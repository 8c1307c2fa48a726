package io.yunying.push.segment;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.yunying.platform.idempotency.IdempotentWrites;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.security.Roles;
import io.yunying.push.support.Callers;
import io.yunying.push.support.Page;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/push/segments")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
@Tag(name = "Segments", description = "User layering (用户分层) by rules over attributes, consent, RFM, lifecycle and events. Roles: operator, admin")
public class SegmentResource {

    private final SegmentService service;
    private final IdempotentWrites idempotency;
    private final SecurityIdentity identity;

    public SegmentResource(SegmentService service, IdempotentWrites idempotency, SecurityIdentity identity) {
        this.service = service;
        this.idempotency = idempotency;
        this.identity = identity;
    }

    @POST
    @Path("preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Count the contacts a rule matches right now, without saving it")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CountView.class)))
    @APIResponse(responseCode = "400", description = "Each invalid part of the rule is named, e.g. rule.all[1].op",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CountView> preview(@Valid @NotNull RuleRequest request) {
        return service.preview(request.rule());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Save a segment")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = SegmentView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields or rule parts are listed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The key is taken, or a request with the same Idempotency-Key is still running",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for a different request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(@Parameter(description = "a retry with the same key and body gets the first answer again")
                                @HeaderParam(IdempotentWrites.HEADER) String key,
                                @Valid @NotNull SegmentRequest request, @Context UriInfo uri) {
        return idempotency.once(Callers.scope(identity), key, "POST /api/push/segments", request, null,
                () -> service.create(request).map(s -> Response.created(uri.getAbsolutePathBuilder().path(s.key()).build())
                        .tag(new EntityTag(Long.toString(s.version()))).entity(s).build()));
    }

    @GET
    @Operation(summary = "List segments by key")
    @APIResponse(responseCode = "200", description = "One page of segments")
    public Uni<Page<SegmentView>> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return service.list(cursor, limit);
    }

    @GET
    @Path("{key}")
    @Operation(summary = "One segment")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SegmentView.class)))
    @APIResponse(responseCode = "404", description = "No such segment",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> get(@PathParam("key") String key) {
        return service.get(key).map(s -> Response.ok(s).tag(new EntityTag(Long.toString(s.version()))).build());
    }

    @PUT
    @Path("{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a segment's name, rule or materialisation", description = "If-Match (the ETag) is checked when sent")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SegmentView.class)))
    @APIResponse(responseCode = "409", description = "Other segments refer to it and it would stop being materialised",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Stale If-Match",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> update(@PathParam("key") String key, @HeaderParam("If-Match") String ifMatch,
                                @Valid @NotNull SegmentRequest request) {
        return service.update(key, ifMatch, request).map(s -> Response.ok(s).tag(new EntityTag(Long.toString(s.version()))).build());
    }

    @DELETE
    @Path("{key}")
    @Operation(summary = "Delete a segment")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "Other segments refer to it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> delete(@PathParam("key") String key) {
        return service.delete(key).replaceWith(Response.noContent().build());
    }

    @GET
    @Path("{key}/count")
    @Operation(summary = "Count the segment's contacts live, now")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CountView.class)))
    public Uni<CountView> count(@PathParam("key") String key) {
        return service.count(key);
    }

    @POST
    @Path("{key}/refresh")
    @Operation(summary = "Recompute a materialised segment's membership now (it also runs on a schedule)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SegmentView.class)))
    @APIResponse(responseCode = "409", description = "The segment is live, or another refresh is running",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SegmentView> refresh(@PathParam("key") String key) {
        return service.refresh(key);
    }

    @GET
    @Path("{key}/members")
    @Operation(summary = "External ids of the segment's members, in registration order")
    @APIResponse(responseCode = "200", description = "One page of external ids")
    public Uni<Page<String>> members(@PathParam("key") String key, @QueryParam("cursor") String cursor,
                                     @QueryParam("limit") Integer limit) {
        return service.members(key, cursor, limit);
    }
}
