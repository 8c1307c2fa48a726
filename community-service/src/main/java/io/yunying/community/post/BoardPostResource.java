package io.yunying.community.post;

import io.smallrye.mutiny.Uni;
import io.yunying.community.support.Cursor;
import io.yunying.community.support.Page;
import io.yunying.platform.idempotency.IdempotentWrites;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.problem.ProblemException;
import io.yunying.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.UUID;

/** A board's posts: writing one, and the board's feed. */
@Path("/api/community/boards/{slug}/posts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Posts")
public class BoardPostResource {

    private final PostService service;
    private final IdempotentWrites idempotency;
    private final JsonWebToken token;

    public BoardPostResource(PostService service, IdempotentWrites idempotency, JsonWebToken token) {
        this.service = service;
        this.idempotency = idempotency;
        this.token = token;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.APP_USER, Roles.MODERATOR, Roles.ADMIN})
    @Operation(summary = "Write a post", description = "PUBLISHED when the check passes (MASK hits masked, FLAG hits queued); "
            + "HELD for review on a REVIEW hit or a near-duplicate of the author's recent post; refused on a BLOCK hit.")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = PostResource.CreatedView.class)))
    @APIResponse(responseCode = "403", description = "The author is muted, suspended or banned; the problem states until when",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Blocked by the lexicon (content-blocked: categories and ruleIds are listed), "
            + "or the Idempotency-Key was used for a different request (idempotency-key-reused)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "A request with the same Idempotency-Key is still running",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Over the hourly limit of the author's trust level; Retry-After says when the next post fits",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(@PathParam("slug") String slug,
                                @Parameter(description = "a retry with the same key and body gets the first answer again")
                                @HeaderParam(IdempotentWrites.HEADER) String idempotencyKey,
                                @Valid @NotNull PostResource.CreatePostRequest request) {
        return idempotency.once(token.getName(), idempotencyKey, "POST /api/community/boards/" + slug + "/posts", request,
                () -> service.createPost(slug, token.getName(), request.title(), request.body()).map(PostResource::created));
    }

    @GET
    @RolesAllowed({Roles.APP_USER, Roles.MODERATOR, Roles.EDITOR, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "A board's published posts, newest first or by hot rank",
            description = "sort=new (default) or hot: log10(max(1, likes + comments + 3)) / (age in hours + 2)^1.8 (Lemmy, Hacker News). "
                    + "A hot listing ranks at the time of its first page, so its later pages stay consistent.")
    @APIResponse(responseCode = "200", description = "One page of posts")
    @APIResponse(responseCode = "400", description = "Unknown sort, bad cursor or limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Page<PostResource.PostView>> board(@PathParam("slug") String slug, @QueryParam("sort") String sort,
                                                  @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        int size = Cursor.limit(limit);
        if (sort == null || sort.equals("new")) {
            return service.boardPage(slug, Cursor.parse(cursor), size + 1)
                    .map(rows -> Page.of(rows, size, p -> PostResource.PostView.of(p, null), p -> Cursor.of(p.createdAt, p.id)));
        }
        if (!sort.equals("hot")) {
            throw ProblemException.invalid("sort", "new or hot");
        }
        HotCursor after = HotCursor.parse(cursor);
        return service.boardHot(slug, after == null ? null : after.reference(), after == null ? null : after.rank(),
                        after == null ? null : after.id(), size + 1)
                .map(page -> Page.of(page.ranks().stream().filter(r -> page.posts().containsKey(r.id())).toList(), size,
                        r -> PostResource.PostView.of(page.posts().get(r.id()), null),
                        r -> Cursor.of(page.reference().toEpochMilli() + ":" + r.rank(), r.id())));
    }

    /** The hot sort's position: the reference time the listing ranks at, and the last rank and id returned. */
    record HotCursor(Instant reference, double rank, UUID id) {
        static HotCursor parse(String value) {
            Cursor cursor = Cursor.parse(value);
            if (cursor == null) {
                return null;
            }
            int colon = cursor.position().indexOf(':');
            try {
                return new HotCursor(Instant.ofEpochMilli(Long.parseLong(cursor.position().substring(0, colon))),
                        Double.parseDouble(cursor.position().substring(colon + 1)), cursor.id());
            } catch (RuntimeException e) {
                throw ProblemException.invalid("cursor", "not a cursor this service issued");
            }
        }
    }
}
