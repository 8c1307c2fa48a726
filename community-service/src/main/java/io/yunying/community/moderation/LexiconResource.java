package io.yunying.community.moderation;

import io.smallrye.mutiny.Uni;
import io.yunying.community.support.Cursor;
import io.yunying.community.support.Page;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api/community/moderation/lexicon")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.MODERATOR, Roles.ADMIN})
@Tag(name = "Lexicon", description = "Watched words, regex rules and allow-list phrases (moderator, admin)")
public class LexiconResource {

    public record BatchRequest(@NotNull @NotEmpty @Size(max = 10000) List<@Valid @NotNull LexiconEntryRequest> entries) {
    }

    public record BatchView(List<LexiconEntryView> entries, long lexiconVersion) {
    }

    public record VersionView(long version, int entries) {
    }

    private final LexiconService service;
    private final LexiconHolder holder;
    private final JsonWebToken token;

    public LexiconResource(LexiconService service, LexiconHolder holder, JsonWebToken token) {
        this.service = service;
        this.holder = holder;
        this.token = token;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add one entry", description = "Live in this replica when the answer arrives, in every replica within the poll interval.")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = LexiconEntryView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, an invalid regex, or an entry that normalises to one character",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "An entry that normalises the same way exists",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> add(@Valid @NotNull LexiconEntryRequest request, @Context UriInfo uri) {
        return service.add(List.of(request), token.getName()).map(entries -> Response
                .created(uri.getAbsolutePathBuilder().path(entries.get(0).id.toString()).build())
                .entity(LexiconEntryView.of(entries.get(0))).build());
    }

    @POST
    @Path("batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add many entries atomically", description = "All entries become live together, or none is added.")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = BatchView.class)))
    @APIResponse(responseCode = "400", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> addAll(@Valid @NotNull BatchRequest request) {
        return service.add(request.entries(), token.getName()).map(entries -> Response.status(201)
                .entity(new BatchView(entries.stream().map(LexiconEntryView::of).toList(), holder.current().version())).build());
    }

    @GET
    @Operation(summary = "List entries, oldest first", description = "Filters: kind, category. Cursor pagination.")
    public Uni<Page<LexiconEntryView>> list(@QueryParam("kind") EntryKind kind, @QueryParam("category") Category category,
                                            @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        int size = Cursor.limit(limit);
        return service.page(kind, category, Cursor.parse(cursor), size + 1)
                .map(rows -> Page.of(rows, size, LexiconEntryView::of, e -> Cursor.of(e.createdAt, e.id)));
    }

    @GET
    @Path("version")
    @Operation(summary = "The lexicon version this replica matches with")
    public VersionView version() {
        Lexicon lexicon = holder.current();
        return new VersionView(lexicon.version(), lexicon.size());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Fetch one entry")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = LexiconEntryView.class)))
    @APIResponse(responseCode = "404", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<LexiconEntryView> get(@PathParam("id") UUID id) {
        return service.get(id).map(LexiconEntryView::of);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Remove an entry")
    @APIResponse(responseCode = "204")
    @APIResponse(responseCode = "404", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> remove(@PathParam("id") UUID id) {
        return service.remove(id, token.getName()).replaceWith(Response.noContent().build());
    }
}
