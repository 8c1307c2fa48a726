package io.yunying.push.inbound;

import io.smallrye.mutiny.Uni;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
import org.jboss.resteasy.reactive.ResponseStatus;

import java.util.List;

@Path("/api/push/inbound-events")
@Tag(name = "Event intake", description = "Events other services relay from their outboxes (content.published for newsletter journeys). Roles: service, admin")
public class InboundResource {

    private final InboundService service;

    public InboundResource(InboundService service) {
        this.service = service;
    }

    @POST
    @RolesAllowed({Roles.SERVICE, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @ResponseStatus(202)
    @Operation(summary = "Take in a batch of events, each at most once by its id", description = "Types nothing here listens to are counted as ignored and not kept")
    @APIResponse(responseCode = "202", description = "How many were new, redeliveries, or ignored",
            content = @Content(schema = @Schema(implementation = Intake.class)))
    @APIResponse(responseCode = "400", description = "An event lacks a field; nothing of the batch is stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Intake> ingest(@NotNull @NotEmpty @Size(max = 1000) List<@Valid @NotNull InboundEvent> events) {
        return service.ingest(events);
    }
}
