package io.yunying.push.event;

import io.smallrye.mutiny.Uni;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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

@Path("/api/push/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Events", description = "Behaviour events from apps and services")
public class EventResource {

    private final EventService service;

    public EventResource(EventService service) {
        this.service = service;
    }

    @POST
    @RolesAllowed({Roles.SERVICE, Roles.OPERATOR, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ingest a batch of up to 1000 events", description = "Repeated event ids are ignored, so a retried batch is harmless. Invalid events are refused one by one.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = IngestResult.class)))
    @APIResponse(responseCode = "400", description = "Not a batch",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<IngestResult> ingest(@Valid @NotNull EventBatch batch) {
        return service.ingest(batch.events(), null);
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Path("purge")
    @Operation(summary = "Purge raw events past retention now (it also runs daily)")
    @APIResponse(responseCode = "200", description = "How many events were deleted")
    public Uni<Map<String, Long>> purge() {
        return service.purge().map(n -> Map.of("deleted", n));
    }
}
