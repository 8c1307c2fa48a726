package io.yunying.push.journey;

import io.smallrye.mutiny.Uni;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.security.Roles;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/push/journeys")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
@Tag(name = "Journeys", description = "Triggered journeys (welcome series, 流失预警 → 召回, renewal by expiry bucket, newsletter on publish). Roles: operator, admin")
public class JourneyResource {

    private final JourneyService service;
    private final JourneyEngine engine;

    public JourneyResource(JourneyService service, JourneyEngine engine) {
        this.service = service;
        this.engine = engine;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Save a journey as a draft")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = JourneyView.class)))
    @APIResponse(responseCode = "400", description = "Every invalid part is named, e.g. steps[2].next or trigger.to[0]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The key is taken",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(@Valid @NotNull JourneyRequest request, @Context UriInfo uri) {
        return service.create(request).map(j -> Response.created(uri.getAbsolutePathBuilder().path(j.id().toString()).build())
                .tag(etag(j)).entity(j).build());
    }

    @GET
    @Operation(summary = "List journeys by key, optionally of one status")
    @APIResponse(responseCode = "200", description = "One page of journeys")
    public Uni<Page<JourneyView>> list(@QueryParam("status") String status, @QueryParam("cursor") String cursor,
                                       @QueryParam("limit") Integer limit) {
        return service.list(status, cursor, limit);
    }

    @GET
    @Path("{ref}")
    @Operation(summary = "One journey, by id or key")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = JourneyView.class)))
    @APIResponse(responseCode = "404", description = "No such journey",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> get(@PathParam("ref") String ref) {
        return service.get(ref).map(j -> Response.ok(j).tag(etag(j)).build());
    }

    @PUT
    @Path("{ref}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a journey", description = "A draft changes freely; an activated journey only its name, description, goal and exits. If-Match is checked when sent.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = JourneyView.class)))
    @APIResponse(responseCode = "400", description = "Invalid parts are named",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The flow of an activated journey or an archived journey cannot change",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Stale If-Match",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> update(@PathParam("ref") String ref, @HeaderParam("If-Match") String ifMatch,
                                @Valid @NotNull JourneyRequest request) {
        return service.update(ref, ifMatch, request).map(j -> Response.ok(j).tag(etag(j)).build());
    }

    @DELETE
    @Path("{ref}")
    @Operation(summary = "Delete a draft")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "Not a draft; archive it instead",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> delete(@PathParam("ref") String ref) {
        return service.delete(ref).replaceWith(Response.noContent().build());
    }

    @POST
    @Path("{ref}/activate")
    @Operation(summary = "Start (or resume) a journey", description = "draft or paused → active. Triggers count from this moment on; templates and the audience segment are checked again.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = JourneyView.class)))
    @APIResponse(responseCode = "409", description = "Illegal status change",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Stale If-Match",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> activate(@PathParam("ref") String ref, @HeaderParam("If-Match") String ifMatch) {
        return service.transition(ref, ifMatch, JourneyStatus.ACTIVE).map(j -> Response.ok(j).tag(etag(j)).build());
    }

    @POST
    @Path("{ref}/pause")
    @Operation(summary = "Pause a journey", description = "active → paused: nobody enters, entries stay where they are")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = JourneyView.class)))
    @APIResponse(responseCode = "409", description = "Illegal status change",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> pause(@PathParam("ref") String ref, @HeaderParam("If-Match") String ifMatch) {
        return service.transition(ref, ifMatch, JourneyStatus.PAUSED).map(j -> Response.ok(j).tag(etag(j)).build());
    }

    @POST
    @Path("{ref}/archive")
    @Operation(summary = "End a journey for good", description = "Entries exit (reason archived) and their messages not yet sent are cancelled")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = JourneyView.class)))
    @APIResponse(responseCode = "409", description = "Already archived",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> archive(@PathParam("ref") String ref, @HeaderParam("If-Match") String ifMatch) {
        return service.transition(ref, ifMatch, JourneyStatus.ARCHIVED).map(j -> Response.ok(j).tag(etag(j)).build());
    }

    @GET
    @Path("{ref}/entries")
    @Operation(summary = "The journey's entries, oldest first, optionally of one state (active, completed, exited)")
    @APIResponse(responseCode = "200", description = "One page of entries")
    public Uni<Page<EntryView>> entries(@PathParam("ref") String ref, @QueryParam("state") String state,
                                        @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return service.entries(ref, state, cursor, limit);
    }

    @POST
    @Path("run")
    @Operation(summary = "Run the journey engine now (it also runs every push.journeys.tick-every)",
            description = "Takes in new triggers and moves every due entry on, for all active journeys")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = EngineRun.class)))
    public Uni<EngineRun> run() {
        return engine.run();
    }

    private static EntityTag etag(JourneyView j) {
        return new EntityTag(Long.toString(j.version()));
    }
}
