package io.yunying.community.report;

import io.smallrye.mutiny.Uni;
import io.yunying.community.post.PostStatus;
import io.yunying.community.support.Actor;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
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

    @Schema(name = "FileReport")
    public record ReportRequest(@NotNull UUID postId, @NotNull ReportReason reason, @Size(max = 1000) String note) {
    }

    @Schema(name = "Report")
    public record ReportView(UUID id, UUID postId, ReportReason reason, double weight, double postReportWeight,
                             PostStatus postStatus, Instant createdAt) {
    }

    private final ReportService service;
    private final JsonWebToken token;

    public ReportResource(ReportService service, JsonWebToken token) {
        this.service = service;
        this.token = token;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.APP_USER})
    @Operation(summary = "Report a post")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = ReportView.class)))
    @APIResponse(responseCode = "409", description = "Already reported by this member",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Too many reports this hour",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> file(@Valid @NotNull ReportRequest request) {
        return service.file(request.postId(), Actor.of(token), request.reason(), request.note())
                .map(f -> Response.status(201).entity(new ReportView(f.report().id, f.report().postId, f.report().reason,
                        f.report().weight, f.totalWeight(), f.postStatus(), f.report().createdAt)).build());
    }
}
