package io.yunying.community.post;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.yunying.platform.problem.ProblemException;
import io.yunying.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

@Path("/api/community/hashtags")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Hashtags", description = "Topic tags extracted from posts")
public class HashtagResource {

    public record TagCount(String tag, long posts) {
    }

    private final PostRepository posts;
    private final Clock clock;

    public HashtagResource(PostRepository posts, Clock clock) {
        this.posts = posts;
        this.clock = clock;
    }

    @GET
    @Path("trending")
    @RolesAllowed({Roles.APP_USER, Roles.MODERATOR, Roles.EDITOR, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Tags of published posts in the last hours, most used first")
    public Uni<List<TagCount>> trending(@QueryParam("hours") @DefaultValue("24") int hours,
                                        @QueryParam("limit") @DefaultValue("20") int limit) {
        if (hours < 1 || hours > 24 * 30) {
            throw ProblemException.invalid("hours", "between 1 and 720");
        }
        if (limit < 1 || limit > 100) {
            throw ProblemException.invalid("limit", "between 1 and 100");
        }
        return Panache.withSession(() -> posts.trending(clock.instant().minus(Duration.ofHours(hours)), limit))
                .map(rows -> rows.stream().map(r -> new TagCount((String) r[0], ((Number) r[1]).longValue())).toList());
    }
}
