package io.yunying.community.review;

import io.smallrye.mutiny.Uni;
import io.yunying.community.sanction.SanctionType;
import io.yunying.community.support.Cursor;
import io.yunying.community.support.Page;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

@Path("/api/community/reviews")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.MODERATOR, Roles.ADMIN})
@Tag(name = "Review queue", description = "Held, flagged and reported posts, scored; claim with a lease, then decide")
public class ReviewResource {

    @Schema(name = "ReviewItem")
    public record ReviewView(UUID id, UUID postId, String memberId, String reason, String status, double score, int ruleSeverity,
                             double reportWeight, int authorStrikes, String ruleIds, String claimedBy, Instant claimExpiresAt,
                             String decision, String decidedBy, Instant decidedAt, String decisionNote, Instant createdAt) {
        public static ReviewView of(ReviewItem i) {
            return new ReviewView(i.id, i.postId, i.memberId, i.reason, i.status, i.score, i.ruleSeverity, i.reportWeight, i.authorStrikes,
                    i.ruleIds, i.claimedBy, i.claimExpiresAt, i.decision, i.decidedBy, i.decidedAt, i.decisionNote, i.createdAt);
        }
    }

    public record SanctionOrderRequest(@NotNull SanctionType type, @Min(1) @Max(24 * 365 * 5) Integer durationHours,
                                       @Size(max = 500) String reason) {
    }

    @Schema(name = "ReviewDecision")
    public record DecisionRequest(@NotNull ReviewService.Outcome decision, @Size(max = 1000) String note,
                                  @Size(max = 20000) @Schema(description = "the text to publish, for MASK") String maskedBody,
                                  @Valid SanctionOrderRequest sanction) {
    }

    private final ReviewService service;
    private final JsonWebToken token;

    public ReviewResource(ReviewService service, JsonWebToken token) {
        this.service = service;
        this.token = token;
    }

    @GET
    @Operation(summary = "The queue", description = "sort=score (default, highest first) or createdAt (oldest first); status OPEN (default) or DECIDED.")
    public Uni<Page<ReviewView>> queue(@QueryParam("status") @DefaultValue("OPEN") String status,
                                       @QueryParam("sort") @DefaultValue("score") String sort,
                                       @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        int size = Cursor.limit(limit);
        boolean byScore = !"createdAt".equals(sort);
        return service.queue(status, sort, Cursor.parse(cursor), size + 1).map(rows -> Page.of(rows, size, ReviewView::of,
                i -> byScore ? Cursor.of(i.score, i.id) : Cursor.of(i.createdAt, i.id)));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One item")
    public Uni<ReviewView> get(@PathParam("id") UUID id) {
        return service.get(id).map(ReviewView::of);
    }

    @POST
    @Path("{id}/claim")
    @Operation(summary = "Claim an item for the lease time", description = "Claiming again renews the lease.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ReviewView.class)))
    @APIResponse(responseCode = "409", description = "Another moderator holds a live claim, or the item is decided",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ReviewView> claim(@PathParam("id") UUID id) {
        return service.claim(id, token.getName()).map(ReviewView::of);
    }

    @POST
    @Path("{id}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Decide: approve, remove, or publish an edited (masked) text; optionally sanction the author",
            description = "REMOVE is a strike: without a sanction in the request the author gets the graduated sanction for their live "
                    + "strikes (issued by system). For a reported member (memberId set) APPROVE dismisses the reports and REMOVE upholds them.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ReviewView.class)))
    @APIResponse(responseCode = "409", description = "No live claim by the caller, or already decided",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ReviewView> decide(@PathParam("id") UUID id, @Valid @NotNull DecisionRequest request) {
        ReviewService.SanctionOrder order = request.sanction() == null ? null : new ReviewService.SanctionOrder(
                request.sanction().type(),
                request.sanction().durationHours() == null ? null : Duration.ofHours(request.sanction().durationHours()),
                request.sanction().reason());
        return service.decide(id, token.getName(), request.decision(), request.note(), request.maskedBody(), order)
                .map(ReviewView::of);
    }
}
