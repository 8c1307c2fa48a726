package io.yunying.push.lifecycle;

import io.smallrye.mutiny.Uni;
import io.yunying.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/push/contacts/{externalId}/stage-changes")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
@Tag(name = "Lifecycle")
public class StageChangeResource {

    private final LifecycleService service;

    public StageChangeResource(LifecycleService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "A contact's stage history")
    @APIResponse(responseCode = "200", description = "Oldest first")
    public Uni<List<StageChange>> changes(@PathParam("externalId") String externalId) {
        return service.changes(externalId);
    }
}
