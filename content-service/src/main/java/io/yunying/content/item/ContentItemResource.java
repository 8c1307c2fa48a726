package io.yunying.content.item;

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
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/content/items")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Content items", description = "PGC and UGC pieces and their place in the pipeline")
public class ContentItemResource {

    private final ContentItemService service;

    public ContentItemResource(ContentItemService service) {
        this.service = service;
    }

    @POST
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a draft")
    @APIResponse(responseCode = "201", description = "The draft, with its ETag",
            content = @Content(schema = @Schema(implementation = ItemView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields are listed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The slug is taken",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(@Valid @NotNull CreateItemRequest request, @Context UriInfo uri) {
        return service.createDraft(request)
                .map(item -> Response.created(uri.getAbsolutePathBuilder().path(item.id.toString()).build())
                        .tag(etag(item))
                        .entity(ItemView.of(item))
                        .build());
    }

    @GET
    @RolesAllowed({Roles.EDITOR, Roles.REVIEWER, Roles.ADMIN})
    @Path("{id}")
    @Operation(summary = "Fetch one content item")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ItemView.class)))
    @APIResponse(responseCode = "404", description = "No such item",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> get(@PathParam("id") UUID id) {
        return service.get(id).map(item -> Response.ok(ItemView.of(item)).tag(etag(item)).build());
    }

    private static EntityTag etag(ContentItem item) {
        return new EntityTag(Long.toString(item.version));
    }
}
