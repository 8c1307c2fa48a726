package io.yunying.content.search;

import io.smallrye.mutiny.Uni;
import io.yunying.content.item.ContentType;
import io.yunying.content.support.Page;
import io.yunying.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;

@Path("/api/content/search")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Search", description = "Full-text search over published content, Chinese and English")
public class SearchResource {

    private final SearchService search;

    public SearchResource(SearchService search) {
        this.search = search;
    }

    @GET
    @RolesAllowed({Roles.APP_USER, Roles.EDITOR, Roles.REVIEWER, Roles.ADMIN})
    @Operation(summary = "Search published content", description = "q matches any substring of title, summary or body"
            + " (case-insensitive); filters by category, tag, type, author and publish date; newest first")
    public Uni<Page<SearchHit>> search(@QueryParam("q") @Size(max = 100) @Parameter(example = "电影") String q,
                                       @QueryParam("category") String category, @QueryParam("tag") String tag,
                                       @QueryParam("type") ContentType type, @QueryParam("author") String author,
                                       @QueryParam("from") Instant from, @QueryParam("to") Instant to,
                                       @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return search.search(new SearchService.Query(q, category, tag, type, author, from, to), cursor, limit);
    }
}
