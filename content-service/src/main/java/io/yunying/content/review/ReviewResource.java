package io.yunying.content.review;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.yunying.content.item.Item;
import io.yunying.content.item.ItemResource;
import io.yunying.content.item.ItemView;
import io.yunying.content.support.Actor;
import io.yunying.content.support.Page;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api/content/review")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
@Tag(name = "Review", description = "The human review queue: claim with a lease, approve or reject with a reason, in bulk too")
public class ReviewResource {

    private final ReviewService reviews;
    private final SecurityIdentity identity;

    public ReviewResource(ReviewService reviews, SecurityIdentity identity) {
        this.reviews = reviews;
        this.identity = identity;
    }

    @Schema(name = "ReviewDecision")
    public record DecisionRequest(@Size(max = 500) @Schema(description = "required to reject", example = "含广告链接") String reason) {
    }

    @Schema(name = "BulkReview")
    public record BulkRequest(@NotNull ReviewService.Decision decision,
                              @NotEmpty @Size(max = 100) List<@NotNull UUID> ids,
                              @Size(max = 500) String reason) {
    }

    @GET
    @Path("queue")
    @Operation(summary = "Items waiting for review, by priority then age (expired claims included)")
    public Uni<Page<QueueEntry>> queue(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return reviews.queue(cursor, limit);
    }

    @POST
    @Path("items/{id}/claim")
    @Operation(summary = "Claim an item for the review lease (renews one's own claim)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ItemView.class)))
    @APIResponse(responseCode = "409", description = "Claimed by another reviewer (claimedBy, claimExpiresAt), or not in review",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> claim(@PathParam("id") UUID id) {
        return answer(reviews.claim(id, actor()));
    }

    @POST
    @Path("items/{id}/release")
    @Operation(summary = "Give a claimed item back to the queue")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ItemView.class)))
    public Uni<Response> release(@PathParam("id") UUID id) {
        return answer(reviews.release(id, actor()));
    }

    @POST
    @Path("items/{id}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve a claimed item (approved UGC goes live at once)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ItemView.class)))
    @APIResponse(responseCode = "409", description = "Not claimed by the caller, lease expired, or illegal in the current state",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> approve(@PathParam("id") UUID id, @Valid DecisionRequest request) {
        return answer(reviews.decide(id, ReviewService.Decision.APPROVE, request == null ? null : request.reason(), actor()));
    }

    @POST
    @Path("items/{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reject a claimed item with a reason; an edit returns it to draft")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ItemView.class)))
    @APIResponse(responseCode = "400", description = "No reason given",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> reject(@PathParam("id") UUID id, @Valid @NotNull DecisionRequest request) {
        return answer(reviews.decide(id, ReviewService.Decision.REJECT, request.reason(), actor()));
    }

    @POST
    @Path("bulk")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve or reject up to 100 items; each one is claimed (if free) and decided on its own",
            description = "The answer lists one outcome per item: status 200 with the new state, or the problem that stopped it")
    public Uni<List<ReviewService.BulkOutcome>> bulk(@Valid @NotNull BulkRequest request) {
        return reviews.bulk(request.ids(), request.decision(), request.reason(), actor());
    }

    private Actor actor() {
        return Actor.of(identity);
    }

    private static Uni<Response> answer(Uni<Item> result) {
        return result.map(item -> Response.ok(ItemView.of(item)).tag(ItemResource.etag(item)).build());
    }
}
