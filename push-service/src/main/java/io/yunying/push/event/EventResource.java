package io.yunying.push.event;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.yunying.platform.idempotency.IdempotentWrites;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.security.Roles;
import io.yunying.push.support.Callers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

@Path("/api/push/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Events", description = "Behaviour events from apps and services")
public class EventResource {

    private final EventService service;
    private final IdempotentWrites idempotency;
    private final SecurityIdentity identity;

    public EventResource(EventService service, IdempotentWrites idempotency, SecurityIdentity identity) {
        this.service = service;
        this.idempotency = idempotency;
        this.identity = identity;
    }

    @POST
    @RolesAllowed({Roles.SERVICE, Roles.OPERATOR, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ingest a batch of up to 1000 events", description = "Repeated event ids are ignored, so a retried batch is harmless. Invalid events are refused one by one.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = IngestResult.class)))
    @APIResponse(responseCode = "400", description = "Not a batch",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "A request with the same Idempotency-Key is still running",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for a different request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> ingest(@Parameter(description = "a retried batch with the same key gets the first answer (its counts) again")
                                @HeaderParam(IdempotentWrites.HEADER) String key,
                                @Valid @NotNull EventBatch batch) {
        return idempotency.once(Callers.scope(identity), key, "POST /api/push/events", batch, null,
                () -> service.ingest(batch.events(), null).map(result -> Response.ok(result).build()));
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
