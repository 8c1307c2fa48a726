package io.yunying.push.rfm;

import io.smallrye.mutiny.Uni;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/push/rfm")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
@Tag(name = "RFM", description = "Recency, frequency, monetary scores 1-5 by quintile and the named groups. Roles: operator, admin")
public class RfmResource {

    private final RfmService service;

    public RfmResource(RfmService service) {
        this.service = service;
    }

    @POST
    @Path("recompute")
    @Operation(summary = "Score every contact from purchase events in the window now (it also runs daily)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RfmRun.class)))
    @APIResponse(responseCode = "409", description = "Another recompute is running",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RfmRun> recompute() {
        return service.recompute();
    }

    @GET
    @Path("summary")
    @Operation(summary = "Contacts per named group and per (R, FM) cell")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RfmSummary.class)))
    public Uni<RfmSummary> summary() {
        return service.summary();
    }
}
