package io.yunying.push.contact;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.yunying.platform.idempotency.IdempotentWrites;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.security.Roles;
import io.yunying.push.support.Callers;
import io.yunying.push.support.Page;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.groups.ConvertGroup;
import jakarta.validation.groups.Default;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/push/contacts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Contacts", description = "App users as user operations sees them. Roles: operator, admin (service may register and read)")
public class ContactResource {

    private final ContactService service;
    private final IdempotentWrites idempotency;
    private final SecurityIdentity identity;

    public ContactResource(ContactService service, IdempotentWrites idempotency, SecurityIdentity identity) {
        this.service = service;
        this.idempotency = idempotency;
        this.identity = identity;
    }

    @POST
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN, Roles.SERVICE})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a contact")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = ContactView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields are listed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "A contact with this external id exists, or a request with the same Idempotency-Key is still running",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for a different request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> register(@Parameter(description = "a retry with the same key and body gets the first answer (201) instead of a 409")
                                  @HeaderParam(IdempotentWrites.HEADER) String key,
                                  @Valid @ConvertGroup(from = Default.class, to = ContactRequest.Create.class) @NotNull ContactRequest request,
                                  @Context UriInfo uri) {
        return idempotency.once(Callers.scope(identity), key, "POST /api/push/contacts", request, request.externalId(),
                () -> service.register(request)
                        .map(contact -> Response.created(uri.getAbsolutePathBuilder().path(contact.externalId()).build())
                                .tag(etag(contact)).entity(contact).build()));
    }

    @GET
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "List contacts in registration order", description = "Cursor pagination: pass nextCursor back as cursor")
    @APIResponse(responseCode = "200", description = "One page of contacts")
    public Uni<Page<ContactView>> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return service.list(cursor, limit);
    }

    @GET
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN, Roles.SERVICE})
    @Path("{externalId}")
    @Operation(summary = "Fetch one contact by external id, with its lifecycle stage and RFM scores")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ContactView.class)))
    @APIResponse(responseCode = "404", description = "No such contact",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> get(@PathParam("externalId") String externalId) {
        return service.get(externalId).map(contact -> Response.ok(contact).tag(etag(contact)).build());
    }

    @PATCH
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN, Roles.SERVICE})
    @Path("{externalId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change some fields of a contact", description = "Missing fields keep their value; custom attributes merge and a null value removes a key. If-Match (the ETag) is checked when sent.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ContactView.class)))
    @APIResponse(responseCode = "412", description = "If-Match names an older version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> update(@PathParam("externalId") String externalId, @HeaderParam("If-Match") String ifMatch,
                                @Valid @NotNull ContactRequest changes) {
        return service.update(externalId, ifMatch, changes).map(contact -> Response.ok(contact).tag(etag(contact)).build());
    }

    @DELETE
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Path("{externalId}")
    @Operation(summary = "Delete a contact on request", description = "Erases personal data (profile, addresses, consents, event properties); anonymous events stay countable in aggregates")
    @APIResponse(responseCode = "204", description = "Erased")
    @APIResponse(responseCode = "404", description = "No such contact",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> erase(@PathParam("externalId") String externalId) {
        return service.erase(externalId).replaceWith(Response.noContent().build());
    }

    @GET
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN, Roles.SERVICE})
    @Path("{externalId}/addresses")
    @Operation(summary = "Where a contact can be reached, per channel (push tokens per device)")
    @APIResponse(responseCode = "200", description = "The addresses")
    public Uni<List<AddressView>> addresses(@PathParam("externalId") String externalId) {
        return service.addresses(externalId);
    }

    @PUT
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN, Roles.SERVICE})
    @Path("{externalId}/addresses/{channel}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the address of a contact on a channel (PUSH needs a deviceId)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AddressView.class)))
    @APIResponse(responseCode = "400", description = "Malformed address",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AddressView> putAddress(@PathParam("externalId") String externalId, @PathParam("channel") Channel channel,
                                       @Valid @NotNull AddressRequest request) {
        return service.putAddress(externalId, channel, request);
    }

    @DELETE
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN, Roles.SERVICE})
    @Path("{externalId}/addresses/{channel}")
    @Operation(summary = "Remove the address of a contact on a channel (for PUSH, of one device)")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such address",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> deleteAddress(@PathParam("externalId") String externalId, @PathParam("channel") Channel channel,
                                       @QueryParam("deviceId") String deviceId) {
        return service.deleteAddress(externalId, channel, deviceId).replaceWith(Response.noContent().build());
    }

    static EntityTag etag(ContactView contact) {
        return new EntityTag(Long.toString(contact.version()));
    }
}
