package io.yunying.push.me;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.security.Roles;
import io.yunying.push.consent.ConsentRequest;
import io.yunying.push.consent.ConsentService;
import io.yunying.push.consent.ConsentView;
import io.yunying.push.contact.AddressRequest;
import io.yunying.push.contact.AddressView;
import io.yunying.push.contact.Channel;
import io.yunying.push.contact.ContactService;
import io.yunying.push.contact.ContactView;
import io.yunying.push.event.EventBatch;
import io.yunying.push.event.EventService;
import io.yunying.push.event.IngestResult;
import io.yunying.push.support.Callers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The app user's own data: the token's subject is their external id, so no path can name someone else. */
@Path("/api/push/me")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.APP_USER)
@Tag(name = "Me", description = "An app user's own profile, consent, push tokens and events. Role: app-user")
public class MeResource {

    private final ContactService contacts;
    private final ConsentService consents;
    private final EventService events;
    private final SecurityIdentity identity;

    public MeResource(ContactService contacts, ConsentService consents, EventService events, SecurityIdentity identity) {
        this.contacts = contacts;
        this.consents = consents;
        this.events = events;
        this.identity = identity;
    }

    private String me() {
        return Callers.appUserId(identity);
    }

    @GET
    @Operation(summary = "My profile")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ContactView.class)))
    @APIResponse(responseCode = "404", description = "Not registered yet",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> profile() {
        return contacts.get(me()).map(c -> Response.ok(c).tag(new EntityTag(Long.toString(c.version()))).build());
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change my locale, time zone, device or quiet hours")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ContactView.class)))
    public Uni<Response> change(@HeaderParam("If-Match") String ifMatch, @Valid @NotNull ProfileChanges changes) {
        return contacts.update(me(), ifMatch, changes.asContactChanges())
                .map(c -> Response.ok(c).tag(new EntityTag(Long.toString(c.version()))).build());
    }

    @DELETE
    @Operation(summary = "Delete my data", description = "Erases my personal data; anonymous counts stay")
    @APIResponse(responseCode = "204", description = "Erased")
    public Uni<Response> erase() {
        return contacts.erase(me()).replaceWith(Response.noContent().build());
    }

    @GET
    @Path("consents")
    @Operation(summary = "My consents")
    @APIResponse(responseCode = "200", description = "My consents per channel and topic")
    public Uni<List<ConsentView>> consents() {
        return consents.list(me());
    }

    @PUT
    @Path("consents")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Subscribe or unsubscribe myself on a channel or topic")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ConsentView.class)))
    public Uni<ConsentView> consent(@Valid @NotNull ConsentRequest request) {
        return consents.set(me(), request, "app");
    }

    @GET
    @Path("tokens")
    @Operation(summary = "My push tokens, one per device")
    @APIResponse(responseCode = "200", description = "My push tokens")
    public Uni<List<AddressView>> tokens() {
        return contacts.addresses(me()).map(all -> all.stream().filter(a -> a.channel() == Channel.PUSH).toList());
    }

    @PUT
    @Path("tokens/{deviceId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register or refresh the push token of one of my devices")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AddressView.class)))
    public Uni<AddressView> putToken(@PathParam("deviceId") String deviceId, @Valid @NotNull TokenRequest request) {
        if (deviceId.length() > 128) {
            throw io.yunying.platform.problem.ProblemException.invalid("deviceId", "at most 128 characters");
        }
        return contacts.putAddress(me(), Channel.PUSH, new AddressRequest(request.token(), deviceId));
    }

    @DELETE
    @Path("tokens/{deviceId}")
    @Operation(summary = "Forget the push token of one of my devices (sign-out)")
    @APIResponse(responseCode = "204", description = "Removed")
    public Uni<Response> deleteToken(@PathParam("deviceId") String deviceId) {
        return contacts.deleteAddress(me(), Channel.PUSH, deviceId).replaceWith(Response.noContent().build());
    }

    @POST
    @Path("events")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send my behaviour events", description = "externalId may be omitted; another user's id is refused per event")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = IngestResult.class)))
    public Uni<IngestResult> events(@Valid @NotNull EventBatch batch) {
        return events.ingest(batch.events(), me());
    }
}
