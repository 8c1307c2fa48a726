package io.yunying.push.consent;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.security.Roles;
import io.yunying.push.contact.Channel;
import io.yunying.push.support.Callers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/push/contacts/{externalId}/consents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Consent", description = "Subscriptions per channel and topic, one-click unsubscribe, quiet hours")
public class ConsentResource {

    private final ConsentService service;
    private final SecurityIdentity identity;

    public ConsentResource(ConsentService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN, Roles.SERVICE})
    @Operation(summary = "A contact's current consent per channel and topic")
    @APIResponse(responseCode = "200", description = "The consents")
    public Uni<List<ConsentView>> list(@PathParam("externalId") String externalId) {
        return service.list(externalId);
    }

    @PUT
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN, Roles.SERVICE})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a subscribe or unsubscribe on a channel or one of its topics")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ConsentView.class)))
    public Uni<ConsentView> set(@PathParam("externalId") String externalId, @Valid @NotNull ConsentRequest request) {
        return service.set(externalId, request, "operator:" + Callers.name(identity));
    }

    @GET
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN, Roles.SERVICE})
    @Path("check")
    @Operation(summary = "May this contact be sent to on a channel and topic, and is it their quiet time now")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ConsentCheck.class)))
    public Uni<ConsentCheck> check(@PathParam("externalId") String externalId, @NotNull @QueryParam("channel") Channel channel,
                                   @QueryParam("topic") String topic) {
        return service.check(externalId, channel, topic);
    }
}
