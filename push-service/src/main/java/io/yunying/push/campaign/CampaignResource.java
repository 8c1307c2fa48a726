package io.yunying.push.campaign;

import io.smallrye.mutiny.Uni;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.security.Roles;
import io.yunying.push.support.Page;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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

import java.util.List;
import java.util.Map;

@Path("/api/push/campaigns")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
@Tag(name = "Campaigns", description = "One message to segments, now, at a time, at a local time per contact or on a cron; A/B variants and a holdout. Roles: operator, admin")
public class CampaignResource {

    private final CampaignService service;

    public CampaignResource(CampaignService service) {
        this.service = service;
    }

    private static Response tagged(CampaignView c) {
        return Response.ok(c).tag(new EntityTag(Long.toString(c.version()))).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a campaign (DRAFT)")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = CampaignView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, unknown segments or templates, percentages not adding up to 100",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The key is taken",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(@Valid @NotNull CampaignRequest request, @Context UriInfo uri) {
        return service.create(request).map(c -> Response.created(uri.getAbsolutePathBuilder().path(c.key()).build())
                .tag(new EntityTag(Long.toString(c.version()))).entity(c).build());
    }

    @GET
    @Operation(summary = "List campaigns by key")
    @APIResponse(responseCode = "200", description = "One page of campaigns")
    public Uni<Page<CampaignView>> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return service.list(cursor, limit);
    }

    @GET
    @Path("{key}")
    @Operation(summary = "One campaign with its delivery counts by status and holdout size")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CampaignView.class)))
    @APIResponse(responseCode = "404", description = "No such campaign",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> get(@PathParam("key") String key) {
        return service.get(key).map(CampaignResource::tagged);
    }

    @PUT
    @Path("{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a campaign (DRAFT, SCHEDULED or PAUSED)", description = "If-Match (the ETag) is checked when sent")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CampaignView.class)))
    @APIResponse(responseCode = "409", description = "Not editable in its status; the problem lists what is allowed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Stale If-Match",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> update(@PathParam("key") String key, @HeaderParam("If-Match") String ifMatch, @Valid @NotNull CampaignRequest request) {
        return service.update(key, ifMatch, request).map(CampaignResource::tagged);
    }

    @POST
    @Path("{key}/launch")
    @Operation(summary = "DRAFT → SCHEDULED; a run that is already due is fanned out before the answer")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CampaignView.class)))
    @APIResponse(responseCode = "409", description = "Illegal transition; `allowed` lists the actions the status allows",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Stale If-Match",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> launch(@PathParam("key") String key, @HeaderParam("If-Match") String ifMatch) {
        return service.launch(key, ifMatch).map(CampaignResource::tagged);
    }

    @POST
    @Path("{key}/pause")
    @Operation(summary = "Hold unsent deliveries and further runs (SCHEDULED or RUNNING → PAUSED)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CampaignView.class)))
    @APIResponse(responseCode = "409", description = "Illegal transition",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> pause(@PathParam("key") String key, @HeaderParam("If-Match") String ifMatch) {
        return service.pause(key, ifMatch).map(CampaignResource::tagged);
    }

    @POST
    @Path("{key}/resume")
    @Operation(summary = "Release held deliveries (PAUSED → the status it was paused in); nothing is owed twice")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CampaignView.class)))
    @APIResponse(responseCode = "409", description = "Illegal transition",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> resume(@PathParam("key") String key, @HeaderParam("If-Match") String ifMatch) {
        return service.resume(key, ifMatch).map(CampaignResource::tagged);
    }

    @POST
    @Path("{key}/cancel")
    @Operation(summary = "Stop for good; unsent deliveries become CANCELLED")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CampaignView.class)))
    @APIResponse(responseCode = "409", description = "Illegal transition",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> cancel(@PathParam("key") String key, @HeaderParam("If-Match") String ifMatch) {
        return service.cancel(key, ifMatch).map(CampaignResource::tagged);
    }

    @POST
    @Path("{key}/test")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send every variant to a seed list now (TEST deliveries; consent, quiet hours and caps do not apply)")
    @APIResponse(responseCode = "202", description = "{\"deliveries\": n}")
    @APIResponse(responseCode = "400", description = "Unknown seed contacts are named",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> test(@PathParam("key") String key, @Valid @NotNull TestSendRequest request) {
        return service.testSend(key, request).map(n -> Response.accepted(Map.of("deliveries", n)).build());
    }

    @POST
    @Path("run-due")
    @Operation(summary = "Fan out every due campaign run now (the scheduler also does this every push.campaigns.tick)")
    @APIResponse(responseCode = "200", description = "The runs fanned out")
    public Uni<List<RunResult>> runDue() {
        return service.runDue();
    }
}
