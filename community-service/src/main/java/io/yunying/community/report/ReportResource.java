package io.yunying.community.report;

import io.smallrye.mutiny.Uni;
import io.yunying.community.post.PostStatus;
import io.yunying.community.support.Actor;
import io.yunying.platform.idempotency.IdempotentWrites;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.UUID;

@Path("/api/community/reports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reports", description = "Members report posts; weighted reports hide a post pending review")
public class ReportResource {

    @Schema(name = "FileReport", description = "Name exactly one target: a post or a member")
    @OneTarget
    public record ReportRequest(UUID postId, @Size(max = 128) String memberId, @NotNull ReportReason reason,
                                @Size(max = 1000) String note) {
    }

    @Schema(name = "Report")
    public record ReportView(UUID id, UUID postId, String memberId, ReportReason reason, double weight,
                             @Schema(description = "the weighted reports on the post (or against the member) so far") double postReportWeight,
                             @Schema(description = "the post's status after the report; null for a member report") PostStatus postStatus,
                             Instant createdAt) {
    }

    private final ReportService service;
    private final IdempotentWrites idempotency;
    private final JsonWebToken token;

    public ReportResource(ReportService service, IdempotentWrites idempotency, JsonWebToken token) {
        this.service = service;
        this.idempotency = idempotency;
        this.token = token;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.APP_USER})
    @Operation(summary = "Report a post or a member",
            description = "Weighted by the reporter's trust. Weighted post reports reaching the threshold hide the post pending review; "
                    + "a member report queues the member for review (nothing is hidden).")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = ReportView.class)))
    @APIResponse(responseCode = "409", description = "Already reported by this member, or a request with the same Idempotency-Key is still running",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for a different request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Too many reports this hour; Retry-After says when the next one fits",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> file(@Parameter(description = "a retry with the same key and body gets the first answer again")
                              @HeaderParam(IdempotentWrites.HEADER) String idempotencyKey,
                              @Valid @NotNull ReportRequest request) {
        return idempotency.once(token.getName(), idempotencyKey, "POST /api/community/reports", request, () -> fileOnce(request));
    }

    private Uni<Response> fileOnce(ReportRequest request) {
        return service.file(request.postId(), request.memberId(), Actor.of(token), request.reason(), request.note())
                .map(f -> Response.status(201).entity(new ReportView(f.report().id, f.report().postId, f.report().memberId, f.report().reason,
                        f.report().weight, f.totalWeight(), f.postStatus(), f.report().createdAt)).build());
    }
}
