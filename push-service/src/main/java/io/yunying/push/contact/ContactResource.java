package io.yunying.push.contact;

import io.smallrye.mutiny.Uni;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/push/contacts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Contacts", description = "App users as user operations sees them")
public class ContactResource {

    private final ContactService service;

    public ContactResource(ContactService service) {
        this.service = service;
    }

    @POST
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN, Roles.SERVICE})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a contact")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = ContactView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields are listed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "A contact with this external id exists",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> register(@Valid @NotNull CreateContactRequest request, @Context UriInfo uri) {
        return service.register(request)
                .map(contact -> Response.created(uri.getAbsolutePathBuilder().path(contact.externalId).build())
                        .tag(new EntityTag(Long.toString(contact.version)))
                        .entity(ContactView.of(contact))
                        .build());
    }

    @GET
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN, Roles.SERVICE})
    @Path("{externalId}")
    @Operation(summary = "Fetch one contact by external id")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ContactView.class)))
    @APIResponse(responseCode = "404", description = "No such contact",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> get(@PathParam("externalId") String externalId) {
        return service.get(externalId).map(contact -> Response.ok(ContactView.of(contact))
                .tag(new EntityTag(Long.toString(contact.version))).build());
    }
}
