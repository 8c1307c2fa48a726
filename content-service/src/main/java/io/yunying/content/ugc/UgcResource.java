package io.yunying.content.ugc;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.yunying.content.item.ItemResource;
import io.yunying.content.item.ItemView;
import io.yunying.content.support.Actor;
import io.yunying.content.support.Page;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.problem.Problems;
import io.yunying.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;

@Path("/api/content/ugc")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "UGC", description = "App users submit content; a moderation check and human review stand before publishing")
public class UgcResource {

    private final UgcService ugc;
    private final Problems problems;
    private final SecurityIdentity identity;

    public UgcResource(UgcService ugc, Problems problems, SecurityIdentity identity) {
        this.ugc = ugc;
        this.problems = problems;
        this.identity = identity;
    }

    @GET
    @Path("mine")
    @RolesAllowed(Roles.APP_USER)
    @Operation(summary = "The signed-in app user's own submissions, newest first",
            description = "Each with its status (IN_REVIEW, PUBLISHED, REJECTED, REMOVED, WITHDRAWN) and, when rejected or"
                    + " removed, the reason. Keyset cursor.")
    public Uni<Page<MySubmission>> mine(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return ugc.mine(Actor.of(identity), cursor, limit);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.APP_USER)
    @Operation(summary = "Submit UGC",
            description = "PASS from the moderation check publishes trusted authors' pieces; everything else waits in the review"
                    + " queue, and BLOCK rejects with the reason; words the check MASKs are stored masked. Retrying with the same"
                    + " Idempotency-Key and the same body answers the first submission (200, Idempotent-Replayed: true);"
                    + " the same key with a different body is a 422.")
    @APIResponse(responseCode = "201", description = "Submitted", content = @Content(schema = @Schema(implementation = ItemView.class)))
    @APIResponse(responseCode = "200", description = "Already submitted under this Idempotency-Key",
            content = @Content(schema = @Schema(implementation = ItemView.class)))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for a different submission",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Too many submissions; Retry-After says when to try again",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> submit(@HeaderParam("Idempotency-Key") @Size(max = 100) @Pattern(regexp = "[\\x21-\\x7e]+") String idempotencyKey,
                                @Valid @NotNull UgcRequest request, @Context HttpServerRequest http) {
        return ugc.submit(request, idempotencyKey, Actor.of(identity))
                .map(s -> (s.created() ? Response.created(URI.create("/api/content/items/" + s.item().id))
                        : Response.ok().header("Idempotent-Replayed", "true"))
                        .tag(ItemResource.etag(s.item()))
                        .entity(ItemView.of(s.item()))
                        .build())
                .onFailure(UgcService.RateLimited.class).recoverWithItem(e -> Response
                        .fromResponse(problems.response(problems.of((UgcService.RateLimited) e, http.path())))
                        .header("Retry-After", ((UgcService.RateLimited) e).retryAfterSeconds())
                        .build());
    }
}
