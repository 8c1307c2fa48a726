package io.yunying.push.delivery;

import io.smallrye.mutiny.Uni;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.security.Roles;
import io.yunying.push.support.Page;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

@Path("/api/push")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
@Tag(name = "Deliveries", description = "The delivery ledger: dispatch, dead letters, suppressed addresses. Roles: operator, admin")
public class DeliveryResource {

    private final DeliveryService service;
    private final Dispatcher dispatcher;

    public DeliveryResource(DeliveryService service, Dispatcher dispatcher) {
        this.service = service;
        this.dispatcher = dispatcher;
    }

    @POST
    @Path("deliveries/dispatch")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Send what is due now, in up to `rounds` batches (the background workers also do this)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = DispatchResult.class)))
    public Uni<DispatchResult> dispatch(@QueryParam("rounds") @DefaultValue("100") int rounds) {
        return dispatcher.dispatch(Math.max(1, Math.min(rounds, 10_000)));
    }

    @GET
    @Path("deliveries/{id}")
    @Operation(summary = "One delivery")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = DeliveryView.class)))
    @APIResponse(responseCode = "404", description = "No such delivery",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<DeliveryView> get(@PathParam("id") long id) {
        return service.get(id);
    }

    @GET
    @Path("deliveries/dead-letters")
    @Operation(summary = "Deliveries whose retries ran out, oldest first")
    @APIResponse(responseCode = "200", description = "One page of deliveries")
    public Uni<Page<DeliveryView>> deadLetters(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return service.deadLetters(cursor, limit);
    }

    @POST
    @Path("deliveries/{id}/requeue")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Send a dead letter again (attempts reset, due now)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = DeliveryView.class)))
    @APIResponse(responseCode = "409", description = "Not a dead letter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<DeliveryView> requeue(@PathParam("id") long id) {
        return service.requeue(id);
    }

    @GET
    @Path("suppressions")
    @Operation(summary = "Addresses providers refused for good (unregistered tokens, bounced mailboxes, invalid numbers)")
    @APIResponse(responseCode = "200", description = "One page of {channel, address, reason, createdAt}")
    public Uni<Page<Map<String, Object>>> suppressions(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return service.suppressions(cursor, limit);
    }

    @DELETE
    @Path("suppressions/{channel}/{address}")
    @Operation(summary = "Allow a suppressed address again")
    @APIResponse(responseCode = "204", description = "Removed")
    public Uni<Response> unsuppress(@PathParam("channel") String channel, @PathParam("address") String address) {
        return service.unsuppress(channel, address).replaceWith(Response.noContent().build());
    }
}
