package io.yunying.content.pipeline;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.yunying.content.item.Item;
import io.yunying.content.item.ItemResource;
import io.yunying.content.item.ItemService;
import io.yunying.content.item.ItemView;
import io.yunying.content.support.Actor;
import io.yunying.platform.http.Versions;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The pipeline's verbs on one item. Each answers the item with its new ETag, or 409 naming the current
 * state and what is allowed from it. {@code If-Match} is optional here: a state change is checked by the
 * state machine itself.
 */
@Path("/api/content/items/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Pipeline", description = "DRAFT → SUBMITTED → IN_REVIEW → APPROVED → SCHEDULED → PUBLISHED → UNPUBLISHED / ARCHIVED; REJECTED, TAKEN_DOWN")
@APIResponse(responseCode = "404", description = "No such item",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "409", description = "Illegal transition: currentState, allowedActions and allowedStates are named",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "412", description = "If-Match names an older version",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class PipelineResource {

    private final PipelineService pipeline;
    private final ItemService items;
    private final AuditLog audit;
    private final Pool pool;
    private final SecurityIdentity identity;

    public PipelineResource(PipelineService pipeline, ItemService items, AuditLog audit, Pool pool,
                            SecurityIdentity identity) {
        this.pipeline = pipeline;
        this.items = items;
        this.audit = audit;
        this.pool = pool;
        this.identity = identity;
    }

    @Schema(name = "Reason")
    public record ReasonRequest(@NotBlank @Size(max = 500) @Schema(example = "标题党，与内容不符") String reason) {
    }

    @Schema(name = "ScheduleRequest")
    public record ScheduleRequest(@NotNull @Schema(example = "2026-12-01T02:00:00Z") Instant publishAt,
                                  @Schema(description = "optional: when the item leaves again") Instant unpublishAt) {
    }

    @Schema(name = "UnpublishAtRequest")
    public record UnpublishAtRequest(@Schema(description = "null clears it") Instant unpublishAt) {
    }

    @POST
    @Path("submit")
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    @Operation(summary = "Submit a draft", description = "PGC outside review-required categories is approved by policy at once")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ItemView.class)))
    public Uni<Response> submit(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return answer(pipeline.submit(id, Versions.ifMatch(ifMatch), actor()));
    }

    @POST
    @Path("withdraw")
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    @Operation(summary = "Take a submitted item back to draft")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ItemView.class)))
    public Uni<Response> withdraw(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return answer(pipeline.transition(id, Versions.ifMatch(ifMatch), Action.WITHDRAW, actor(), null));
    }

    @POST
    @Path("schedule")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    @Operation(summary = "Schedule (or reschedule) an approved item", description = "The scheduler publishes it at publishAt, exactly once")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ItemView.class)))
    public Uni<Response> schedule(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                  @Valid @NotNull ScheduleRequest request) {
        return answer(pipeline.schedule(id, Versions.ifMatch(ifMatch), actor(), request.publishAt(), request.unpublishAt()));
    }

    @POST
    @Path("unschedule")
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    @Operation(summary = "Cancel a schedule; the item is approved again")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ItemView.class)))
    public Uni<Response> unschedule(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return answer(pipeline.transition(id, Versions.ifMatch(ifMatch), Action.UNSCHEDULE, actor(), null));
    }

    @POST
    @Path("publish")
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    @Operation(summary = "Publish now an approved, scheduled or unpublished item")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ItemView.class)))
    public Uni<Response> publish(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return answer(pipeline.transition(id, Versions.ifMatch(ifMatch), Action.PUBLISH, actor(), null));
    }

    @POST
    @Path("publish-changes")
    @RolesAllowed({Roles.EDITOR, Roles.REVIEWER, Roles.ADMIN})
    @Operation(summary = "Put a published item's pending changes live",
            description = "Editors may do so where no review is required; otherwise a reviewer approves the changes this way")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ItemView.class)))
    @APIResponse(responseCode = "403", description = "The item needs review and the caller is no reviewer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> publishChanges(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return answer(pipeline.publishChanges(id, Versions.ifMatch(ifMatch), actor()));
    }

    @POST
    @Path("submit-changes")
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    @Operation(summary = "Send a published item's saved changes to the review queue",
            description = "The item stays PUBLISHED and its live copy keeps serving; a reviewer claims the changes and approves"
                    + " (they go live) or rejects them with a reason. Where the item needs no review they go live at once.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ItemView.class)))
    public Uni<Response> submitChanges(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return answer(pipeline.submitChanges(id, Versions.ifMatch(ifMatch), actor()));
    }

    @POST
    @Path("discard-changes")
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    @Operation(summary = "Throw away a published item's saved changes; the working copy becomes the live copy again",
            description = "Allowed while the changes are pending, submitted or rejected, not while a reviewer's claim runs."
                    + " The result is kept as a new revision, so discarded revisions can still be restored.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ItemView.class)))
    public Uni<Response> discardChanges(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return answer(items.discardChanges(id, Versions.ifMatch(ifMatch), actor()));
    }

    @PUT
    @Path("unpublish-at")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    @Operation(summary = "Set or clear when a live (or soon live) item leaves")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ItemView.class)))
    public Uni<Response> unpublishAt(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                     @Valid @NotNull UnpublishAtRequest request) {
        return answer(pipeline.setUnpublishAt(id, Versions.ifMatch(ifMatch), request.unpublishAt()));
    }

    @POST
    @Path("unpublish")
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    @Operation(summary = "Take a published item off the apps")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ItemView.class)))
    public Uni<Response> unpublish(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return answer(pipeline.transition(id, Versions.ifMatch(ifMatch), Action.UNPUBLISH, actor(), null));
    }

    @POST
    @Path("archive")
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    @Operation(summary = "Archive an item (final)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ItemView.class)))
    public Uni<Response> archive(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return answer(pipeline.transition(id, Versions.ifMatch(ifMatch), Action.ARCHIVE, actor(), null));
    }

    @POST
    @Path("take-down")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.MODERATOR, Roles.ADMIN})
    @Operation(summary = "Take an item down, with the reason")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ItemView.class)))
    public Uni<Response> takeDown(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                  @Valid @NotNull ReasonRequest request) {
        return answer(pipeline.transition(id, Versions.ifMatch(ifMatch), Action.TAKE_DOWN, actor(), request.reason().strip()));
    }

    @GET
    @Path("history")
    @RolesAllowed({Roles.EDITOR, Roles.REVIEWER, Roles.MODERATOR, Roles.ADMIN})
    @Operation(summary = "The item's audit log: every state change, who, when, from and to, why")
    public Uni<List<AuditLog.Entry>> history(@PathParam("id") UUID id) {
        return audit.history(pool, id);
    }

    private Actor actor() {
        return Actor.of(identity);
    }

    private static Uni<Response> answer(Uni<Item> result) {
        return result.map(item -> Response.ok(ItemView.of(item)).tag(ItemResource.etag(item)).build());
    }
}
