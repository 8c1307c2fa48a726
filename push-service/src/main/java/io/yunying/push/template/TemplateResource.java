package io.yunying.push.template;

import io.smallrye.mutiny.Uni;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.security.Roles;
import io.yunying.push.support.Page;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/push/templates")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
@Tag(name = "Templates", description = "Message copy per channel and locale, with contact and content-card variables. Roles: operator, admin")
public class TemplateResource {

    private final TemplateService service;

    public TemplateResource(TemplateService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Save a template", description = "Every variable of every locale is checked; an unknown one is a 400 naming it")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = TemplateView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, syntax or unknown variables, each named",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The key is taken",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(@Valid @NotNull TemplateRequest request, @Context UriInfo uri) {
        return service.create(request).map(t -> Response.created(uri.getAbsolutePathBuilder().path(t.key()).build())
                .tag(new EntityTag(Long.toString(t.version()))).entity(t).build());
    }

    @GET
    @Operation(summary = "List templates by key")
    @APIResponse(responseCode = "200", description = "One page of templates")
    public Uni<Page<TemplateView>> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return service.list(cursor, limit);
    }

    @GET
    @Path("{key}")
    @Operation(summary = "One template")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TemplateView.class)))
    @APIResponse(responseCode = "404", description = "No such template",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> get(@PathParam("key") String key) {
        return service.get(key).map(t -> Response.ok(t).tag(new EntityTag(Long.toString(t.version()))).build());
    }

    @PUT
    @Path("{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a template", description = "If-Match (the ETag) is checked when sent; deliveries not yet sent use the new copy")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TemplateView.class)))
    @APIResponse(responseCode = "412", description = "Stale If-Match",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> update(@PathParam("key") String key, @HeaderParam("If-Match") String ifMatch, @Valid @NotNull TemplateRequest request) {
        return service.update(key, ifMatch, request).map(t -> Response.ok(t).tag(new EntityTag(Long.toString(t.version()))).build());
    }

    @POST
    @Path("{key}/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Render the template for one contact", description = "Uses the contact's locale (falling back to the default), attributes and the live content card")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Rendered.class)))
    @APIResponse(responseCode = "503", description = "content-service could not be reached for the card",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Rendered> preview(@PathParam("key") String key, @Valid @NotNull PreviewRequest request) {
        return service.preview(key, request);
    }
}
