package io.yunying.content.revision;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.yunying.content.item.ItemResource;
import io.yunying.content.item.ItemView;
import io.yunying.content.support.Actor;
import io.yunying.platform.http.Versions;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api/content/items/{id}/revisions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Revisions", description = "Every save of an item, bounded per item; diff and restore")
@APIResponse(responseCode = "404", description = "No such item or revision (it may have been pruned)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class RevisionResource {

    private final RevisionService revisions;
    private final SecurityIdentity identity;

    public RevisionResource(RevisionService revisions, SecurityIdentity identity) {
        this.revisions = revisions;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({Roles.EDITOR, Roles.REVIEWER, Roles.ADMIN})
    @Operation(summary = "The item's kept revisions, newest first")
    public Uni<List<Revision>> list(@PathParam("id") UUID id) {
        return revisions.list(id);
    }

    @GET
    @Path("{number}")
    @RolesAllowed({Roles.EDITOR, Roles.REVIEWER, Roles.ADMIN})
    @Operation(summary = "One revision")
    public Uni<Revision> get(@PathParam("id") UUID id, @PathParam("number") int number) {
        return revisions.get(id, number);
    }

    @GET
    @Path("{from}/diff/{to}")
    @RolesAllowed({Roles.EDITOR, Roles.REVIEWER, Roles.ADMIN})
    @Operation(summary = "What changed between two revisions: fields, and a unified diff of the body")
    public Uni<RevisionService.Diff> diff(@PathParam("id") UUID id, @PathParam("from") int from, @PathParam("to") int to) {
        return revisions.diff(id, from, to);
    }

    @POST
    @Path("{number}/restore")
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    @Operation(summary = "Save an old revision's fields as the new working copy", description = "The same rules as an edit apply")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ItemView.class)))
    public Uni<Response> restore(@PathParam("id") UUID id, @PathParam("number") int number,
                                 @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return revisions.restore(id, number, Versions.ifMatch(ifMatch), Actor.of(identity))
                .map(item -> Response.ok(ItemView.of(item)).tag(ItemResource.etag(item)).build());
    }
}
