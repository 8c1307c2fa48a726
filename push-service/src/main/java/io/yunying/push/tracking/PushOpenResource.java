package io.yunying.push.tracking;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.security.Roles;
import io.yunying.push.support.Callers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The app reports that its user opened a push; the token's subject is the user's external id. */
@Path("/api/push/me/push-opens")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.APP_USER)
@Tag(name = "Tracking")
public class PushOpenResource {

    private final TrackingService service;
    private final SecurityIdentity identity;

    public PushOpenResource(TrackingService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    @Path("{deliveryId}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "I opened a push (the deliveryId is in the push payload's data)")
    @APIResponse(responseCode = "204", description = "Recorded (the first open counts)")
    @APIResponse(responseCode = "404", description = "Not a push sent to me",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> opened(@PathParam("deliveryId") long deliveryId) {
        return service.pushOpened(Callers.appUserId(identity), deliveryId).replaceWith(Response.noContent().build());
    }
}
