package io.yunying.content.feed;

import io.smallrye.mutiny.Uni;
import io.yunying.content.support.ContentConfig;
import io.yunying.platform.http.Etags;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/content/feeds/{key}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Feeds", description = "Curated feeds for the mobile apps, and their definitions")
public class FeedResource {

    private final FeedService feeds;
    private final CacheControl cacheControl;

    public FeedResource(FeedService feeds, ContentConfig config) {
        this.feeds = feeds;
        this.cacheControl = new CacheControl();
        this.cacheControl.setMaxAge(config.feed().maxAgeSeconds());
        this.cacheControl.setPrivate(false);
    }

    @GET
    @RolesAllowed({Roles.APP_USER, Roles.EDITOR, Roles.REVIEWER, Roles.ADMIN})
    @Operation(summary = "One page of a feed", description = "Pinned slots first, then by engagement score. Keyset cursor;"
            + " ETag with If-None-Match answers 304; Cache-Control lets the app and any CDN reuse a page briefly.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = FeedPage.class)))
    @APIResponse(responseCode = "304", description = "The page the client holds is current")
    @APIResponse(responseCode = "404", description = "No such feed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> page(@PathParam("key") @Parameter(example = "home") String key, @QueryParam("cursor") String cursor,
                              @QueryParam("limit") Integer limit, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return feeds.page(key, cursor, limit).map(page -> {
            if (Etags.matches(ifNoneMatch, page.tag())) {
                return Response.notModified(page.tag()).cacheControl(cacheControl).build();
            }
            return Response.ok(page.body(), MediaType.APPLICATION_JSON_TYPE).tag(page.tag()).cacheControl(cacheControl).build();
        });
    }

    @GET
    @Path("definition")
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    @Operation(summary = "A feed's filters and pinned slots")
    public Uni<FeedDefinition> definition(@PathParam("key") String key) {
        return feeds.definition(key);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    @Operation(summary = "Create or change a feed's title and filters")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = FeedDefinition.class)))
    public Uni<FeedDefinition> define(@PathParam("key") @Pattern(regexp = "[a-z0-9][a-z0-9:_-]{0,63}", message = "lower-case letters, digits, ':', '_' and '-'") String key,
                                      @Valid @NotNull FeedDefinition.Request request) {
        return feeds.define(key, request);
    }

    @PUT
    @Path("pins")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    @Operation(summary = "Replace a feed's pinned slots (position, item, optional start and end)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = FeedDefinition.class)))
    public Uni<FeedDefinition> pins(@PathParam("key") String key, @Valid @NotNull FeedDefinition.PinsRequest request) {
        return feeds.pin(key, request.pins());
    }
}
