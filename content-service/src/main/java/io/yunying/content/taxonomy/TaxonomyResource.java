package io.yunying.content.taxonomy;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.problem.ProblemException;
import io.yunying.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.util.List;

@Path("/api/content")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Taxonomy", description = "Categories (with their review policy) and tags")
public class TaxonomyResource {

    private final Pool pool;
    private final CategoryRepository categories;
    private final Clock clock;

    public TaxonomyResource(Pool pool, CategoryRepository categories, Clock clock) {
        this.pool = pool;
        this.categories = categories;
        this.clock = clock;
    }

    @PUT
    @Path("categories/{slug}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    @Operation(summary = "Create or update a category and its review policy")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Category.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, or the path and body slugs differ",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Category> put(@PathParam("slug") String slug, @Valid @NotNull CategoryRequest request) {
        if (!slug.equals(request.slug())) {
            throw ProblemException.invalid("slug", "must equal the slug in the path");
        }
        return pool.withTransaction(db -> categories.upsert(db, slug, request.name().strip(),
                Boolean.TRUE.equals(request.requiresReview()), clock.instant()));
    }

    @GET
    @Path("categories")
    @RolesAllowed({Roles.EDITOR, Roles.REVIEWER, Roles.ADMIN, Roles.APP_USER})
    @Operation(summary = "All categories")
    public Uni<List<Category>> list() {
        return categories.list(pool);
    }

    @GET
    @Path("tags")
    @RolesAllowed({Roles.EDITOR, Roles.REVIEWER, Roles.ADMIN, Roles.APP_USER})
    @Operation(summary = "Tags on published content, most used first")
    public Uni<List<CategoryRepository.TagCount>> tags(@QueryParam("limit") @DefaultValue("50") int limit) {
        if (limit < 1 || limit > 500) {
            throw ProblemException.invalid("limit", "must be between 1 and 500");
        }
        return categories.tags(pool, limit);
    }
}
