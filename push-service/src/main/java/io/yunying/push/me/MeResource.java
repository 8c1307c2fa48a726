package io.yunying.push.me;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.yunying.platform.idempotency.IdempotentWrites;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.function.Supplier;

/**
 * The app user's own data: the token's subject is their external id, so no path can name someone else. Every
 * write takes an {@code Idempotency-Key}: a phone on a bad network retries, and the retry gets the first answer.
 */
@Path("/api/push/me")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.APP_USER)
@Tag(name = "Me", description = "An app user's own profile, consent, push tokens and events. Role: app-user")
public class MeResource {

    private static final String RETRY = "a retry with the same key and body gets the first answer again";

    private final ContactService contacts;
    private final ConsentService consents;
    private final EventService events;
    private final IdempotentWrites idempotency;
    private final SecurityIdentity identity;

    public MeResource(ContactService contacts, ConsentService consents, EventService events, IdempotentWrites idempotency,
                      SecurityIdentity identity) {
        this.contacts = contacts;
        this.consents = consents;
        this.events = events;
        this.idempotency = idempotency;
        this.identity = identity;
    }

    /** A write of my own data, run once per Idempotency-Key; the stored answer goes when my data is erased. */
    private Uni<Response> once(String key, String operation, Object request, Supplier<Uni<Response>> write) {
        return idempotency.once(Callers.scope(identity), key, operation, request, me(), write);
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
    @APIResponse(responseCode = "409", description = "A request with the same Idempotency-Key is still running",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for a different request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> change(@HeaderParam("If-Match") String ifMatch,
                                @Parameter(description = RETRY) @HeaderParam(IdempotentWrites.HEADER) String key,
                                @Valid @NotNull ProfileChanges changes) {
        return once(key, "PATCH /api/push/me If-Match:" + ifMatch, changes, () -> contacts.update(me(), ifMatch, changes.asContactChanges())
                .map(c -> Response.ok(c).tag(new EntityTag(Long.toString(c.version()))).build()));
    }

    @DELETE
    @Operation(summary = "Delete my data", description = "Erases my personal data; anonymous counts stay")
    @APIResponse(responseCode = "204", description = "Erased")
    @APIResponse(responseCode = "409", description = "A request with the same Idempotency-Key is still running",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for a different request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> erase(@Parameter(description = RETRY) @HeaderParam(IdempotentWrites.HEADER) String key) {
        // the answer holds no personal data, so it is kept (subject null) and a retry after the erasure still gets 204
        return idempotency.once(Callers.scope(identity), key, "DELETE /api/push/me", null, null,
                () -> contacts.erase(me()).replaceWith(Response.noContent().build()));
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
    @APIResponse(responseCode = "409", description = "A request with the same Idempotency-Key is still running",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for a different request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> consent(@Parameter(description = RETRY) @HeaderParam(IdempotentWrites.HEADER) String key,
                                 @Valid @NotNull ConsentRequest request) {
        return once(key, "PUT /api/push/me/consents", request,
                () -> consents.set(me(), request, "app").map(c -> Response.ok(c).build()));
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
    @APIResponse(responseCode = "409", description = "A request with the same Idempotency-Key is still running",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for a different request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> putToken(@PathParam("deviceId") String deviceId,
                                  @Parameter(description = RETRY) @HeaderParam(IdempotentWrites.HEADER) String key,
                                  @Valid @NotNull TokenRequest request) {
        if (deviceId.length() > 128) {
            throw io.yunying.platform.problem.ProblemException.invalid("deviceId", "at most 128 characters");
        }
        return once(key, "PUT /api/push/me/tokens/" + deviceId, request,
                () -> contacts.putAddress(me(), Channel.PUSH, new AddressRequest(request.token(), deviceId)).map(a -> Response.ok(a).build()));
    }

    @DELETE
    @Path("tokens/{deviceId}")
    @Operation(summary = "Forget the push token of one of my devices (sign-out)")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "409", description = "A request with the same Idempotency-Key is still running",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for a different request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> deleteToken(@PathParam("deviceId") String deviceId,
                                     @Parameter(description = RETRY) @HeaderParam(IdempotentWrites.HEADER) String key) {
        return once(key, "DELETE /api/push/me/tokens/" + deviceId, null,
                () -> contacts.deleteAddress(me(), Channel.PUSH, deviceId).replaceWith(Response.noContent().build()));
    }

    @POST
    @Path("events")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send my behaviour events", description = "externalId may be omitted; another user's id is refused per event")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = IngestResult.class)))
    @APIResponse(responseCode = "409", description = "A request with the same Idempotency-Key is still running",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for a different request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> events(@Parameter(description = RETRY) @HeaderParam(IdempotentWrites.HEADER) String key,
                                @Valid @NotNull EventBatch batch) {
        return once(key, "POST /api/push/me/events", batch, () -> events.ingest(batch.events(), me()).map(r -> Response.ok(r).build()));
    }
}
