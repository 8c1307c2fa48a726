package io.yunying.content.item;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.yunying.content.pipeline.ContentState;
import io.yunying.content.support.Actor;
import io.yunying.content.support.Page;
import io.yunying.platform.http.Versions;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.security.Roles;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/content/items")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Content items", description = "PGC and UGC pieces: their working copy, edited with optimistic locking")
public class ItemResource {

    private final ItemService service;
    private final SecurityIdentity identity;

    public ItemResource(ItemService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
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
        return service.createDraft(request, Actor.of(identity))
                .map(item -> Response.created(uri.getAbsolutePathBuilder().path(item.id.toString()).build())
                        .tag(etag(item))
                        .entity(ItemView.of(item))
                        .build());
    }

    @GET
    @RolesAllowed({Roles.EDITOR, Roles.REVIEWER, Roles.MODERATOR, Roles.ADMIN})
    @Operation(summary = "List items, most recently changed first", description = "Filter by state and source; cursor pagination")
    @APIResponse(responseCode = "200", description = "A page of items and the cursor of the next one")
    public Uni<Page<ItemView>> list(@QueryParam("state") ContentState state, @QueryParam("source") ContentSource source,
                                    @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return service.list(state, source, cursor, limit);
    }

    @GET
    @RolesAllowed({Roles.EDITOR, Roles.REVIEWER, Roles.MODERATOR, Roles.ADMIN})
    @Path("{id}")
    @Operation(summary = "Fetch one content item (its working copy)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ItemView.class)))
    @APIResponse(responseCode = "404", description = "No such item",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> get(@PathParam("id") UUID id) {
        return service.get(id).map(item -> Response.ok(ItemView.of(item)).tag(etag(item)).build());
    }

    @GET
    @RolesAllowed({Roles.EDITOR, Roles.REVIEWER, Roles.MODERATOR, Roles.ADMIN})
    @Path("by-slug/{slug}")
    @Operation(summary = "Fetch one content item by its slug")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ItemView.class)))
    @APIResponse(responseCode = "404", description = "No such item",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> bySlug(@PathParam("slug") String slug) {
        return service.bySlug(slug).map(item -> Response.ok(ItemView.of(item)).tag(etag(item)).build());
    }

    @PUT
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Save a new working copy",
            description = "Needs If-Match. Keeps a revision. A published item keeps serving its live copy; the changes wait"
                    + " as pending until published. A rejected, approved, scheduled or unpublished item returns to DRAFT.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ItemView.class)))
    @APIResponse(responseCode = "409", description = "The item is under review or closed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match names an older version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match is missing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> edit(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                              @Valid @NotNull ItemRequest request) {
        long version = Versions.requireIfMatch(ifMatch);
        ItemService.Fields fields = ItemService.Fields.of(request.title(), request.summary(), request.body(),
                request.coverUrl(), request.mediaUrls(), request.category(), request.tags());
        return service.edit(id, version, fields, Actor.of(identity))
                .map(item -> Response.ok(ItemView.of(item)).tag(etag(item)).build());
    }

    public static EntityTag etag(Item item) {
        return new EntityTag(Long.toString(item.version));
    }
}
