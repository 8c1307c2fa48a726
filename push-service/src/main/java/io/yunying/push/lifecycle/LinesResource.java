package io.yunying.push.lifecycle;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.yunying.platform.idempotency.IdempotentWrites;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.security.Roles;
import io.yunying.push.support.Callers;
import io.yunying.push.support.Page;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/push/lifecycle/lines")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
@Tag(name = "Lifecycle")
public class LinesResource {

    private final LinesService service;
    private final IdempotentWrites idempotency;
    private final SecurityIdentity identity;

    public LinesResource(LinesService service, IdempotentWrites idempotency, SecurityIdentity identity) {
        this.service = service;
        this.idempotency = idempotency;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "The churn-warning lines in force", description = "The configured defaults (version 0) until an operator sets them. The ETag is the version a PUT names in If-Match.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = LinesView.class)))
    public Uni<Response> get() {
        return service.setting().map(LinesResource::ok);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the churn-warning lines", description = "Every replica classifies by them from its next recompute on; no restart. "
            + "The change is recorded (who, when, old and new lines). Sending the lines in force changes nothing.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = LinesView.class)))
    @APIResponse(responseCode = "400", description = "Each bad line is named: required, positive, silent < at risk < churned",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "A request with the same Idempotency-Key is still running",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match names an older version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for a different request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> put(@Parameter(description = "the ETag of the lines read; checked when sent") @HeaderParam("If-Match") String ifMatch,
                             @Parameter(description = "a retry with the same key and body gets the first answer again")
                             @HeaderParam(IdempotentWrites.HEADER) String key,
                             @NotNull LinesRequest request) {
        return idempotency.once(Callers.scope(identity), key, "PUT /api/push/lifecycle/lines If-Match:" + ifMatch, request, null,
                () -> service.replace(ifMatch, request, Callers.name(identity)).map(LinesResource::ok));
    }

    @GET
    @Path("changes")
    @Operation(summary = "Who changed the lines, when, from what to what", description = "Newest first; pass nextCursor back as cursor")
    @APIResponse(responseCode = "200", description = "One page of changes")
    public Uni<Page<LinesChange>> changes(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return service.changes(cursor, limit);
    }

    private static Response ok(LinesView lines) {
        return Response.ok(lines).tag(new EntityTag(Long.toString(lines.version()))).build();
    }
}
