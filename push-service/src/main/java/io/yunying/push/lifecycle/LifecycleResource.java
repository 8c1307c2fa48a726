package io.yunying.push.lifecycle;

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

import java.util.Map;

@Path("/api/push/lifecycle")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
@Tag(name = "Lifecycle", description = "Stages new / active / silent / at_risk / churned / resurrected and churn warning (流失预警). Roles: operator, admin")
public class LifecycleResource {

    private final LifecycleService service;

    public LifecycleResource(LifecycleService service) {
        this.service = service;
    }

    @POST
    @Path("recompute")
    @Operation(summary = "Classify every contact now (it also runs on a schedule); changes are recorded and sent to the outbox")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = LifecycleRun.class)))
    @APIResponse(responseCode = "409", description = "Another recompute is running",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<LifecycleRun> recompute() {
        return service.recompute();
    }

    @GET
    @Path("stages")
    @Operation(summary = "Contacts per stage")
    @APIResponse(responseCode = "200", description = "Stage to count, every stage present")
    public Uni<Map<String, Long>> stages() {
        return service.stages();
    }
}
