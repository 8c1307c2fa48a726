package io.yunying.content.collection;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/content/collections/{slug}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Collections", description = "专题: curated, ordered lists of items with a title, cover and description")
@APIResponse(responseCode = "404", description = "No such collection (or not published, for app users)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class CollectionResource {

    private final CollectionService collections;
    private final SecurityIdentity identity;

    public CollectionResource(CollectionService collections, SecurityIdentity identity) {
        this.collections = collections;
        this.identity = identity;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    @Operation(summary = "Create or change a collection's title, cover and description")
    public Uni<CollectionView> put(@PathParam("slug") @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "lower-case letters, digits and single hyphens") String slug,
                                   @Valid @NotNull CollectionView.Request request) {
        return collections.put(slug, request);
    }

    @PUT
    @Path("items")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    @Operation(summary = "Set the collection's items, in order")
    public Uni<CollectionView> items(@PathParam("slug") String slug, @Valid @NotNull CollectionView.ItemsRequest request) {
        return collections.setItems(slug, request.itemIds());
    }

    @POST
    @Path("publish")
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    @Operation(summary = "Publish the collection")
    public Uni<CollectionView> publish(@PathParam("slug") String slug) {
        return collections.setState(slug, "PUBLISHED");
    }

    @POST
    @Path("unpublish")
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    @Operation(summary = "Take the collection off the apps")
    public Uni<CollectionView> unpublish(@PathParam("slug") String slug) {
        return collections.setState(slug, "DRAFT");
    }

    @GET
    @RolesAllowed({Roles.APP_USER, Roles.EDITOR, Roles.REVIEWER, Roles.ADMIN})
    @Operation(summary = "A collection with its live items in curated order")
    public Uni<CollectionView> get(@PathParam("slug") String slug) {
        return collections.get(slug, identity.hasRole(Roles.EDITOR) || identity.hasRole(Roles.ADMIN));
    }
}
