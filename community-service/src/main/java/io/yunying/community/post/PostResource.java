package io.yunying.community.post;

import io.smallrye.mutiny.Uni;
import io.yunying.community.moderation.Decision;
import io.yunying.community.support.Actor;
import io.yunying.community.support.Cursor;
import io.yunying.community.support.Page;
import io.yunying.platform.http.Versions;
import io.yunying.platform.idempotency.IdempotentWrites;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Path("/api/community/posts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Posts", description = "Posts and threaded comments by app users; every write goes through the moderation check")
public class PostResource {

    @Schema(name = "CreatePost")
    public record CreatePostRequest(@Size(max = 200) String title, @NotBlank @Size(max = 20000) @Schema(example = "周末去看了 #沙丘2# 太震撼了 #movies") String body) {
    }

    @Schema(name = "CreateComment")
    public record CreateCommentRequest(@NotBlank @Size(max = 5000) String body, UUID parentId) {
    }

    @Schema(name = "EditPost", description = "The new text; title only on a post, not on a comment (absent: unchanged)")
    public record EditPostRequest(@Size(max = 200) String title, @NotBlank @Size(max = 20000) String body) {
    }

    @Schema(name = "Post", description = "A DELETED post shows as a tombstone: no author, title or body (staff see them)")
    public record PostView(UUID id, UUID boardId, UUID threadId, UUID parentId, String authorId, String title, String body,
                           PostStatus status, int likeCount, List<String> hashtags, Instant createdAt, Instant editedAt, long version) {
        static PostView of(Post p, List<String> tags) {
            return new PostView(p.id, p.boardId, p.threadId, p.parentId, p.authorId, p.title, p.body, p.status, p.likeCount,
                    tags, p.createdAt, p.editedAt, p.version);
        }

        /** What a viewer sees: a deleted post is a tombstone except to staff. */
        static PostView shown(Post p, List<String> tags, Actor viewer) {
            if (p.status != PostStatus.DELETED || viewer.staff()) {
                return of(p, tags);
            }
            return new PostView(p.id, p.boardId, p.threadId, p.parentId, null, null, null, p.status, 0, List.of(),
                    p.createdAt, null, p.version);
        }
    }

    @Schema(name = "EditedPost", description = "The post after the edit and the verdict on its new text")
    public record EditedView(PostView post, Decision decision, boolean flagged) {
    }

    @Schema(name = "CreatedPost", description = "The post and the moderation verdict that shaped it")
    public record CreatedView(PostView post, Decision decision, boolean flagged, boolean duplicate) {
    }

    public record LikeView(int likeCount) {
    }

    private final PostService service;
    private final IdempotentWrites idempotency;
    private final JsonWebToken token;

    public PostResource(PostService service, IdempotentWrites idempotency, JsonWebToken token) {
        this.service = service;
        this.idempotency = idempotency;
        this.token = token;
    }

    @POST
    @Path("{id}/comments")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.APP_USER, Roles.MODERATOR, Roles.ADMIN})
    @Operation(summary = "Comment on a post, or answer a comment (parentId)", description = "Same checks as a post.")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = CreatedView.class)))
    @APIResponse(responseCode = "409", description = "A request with the same Idempotency-Key is still running",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Blocked by the lexicon (content-blocked), or the Idempotency-Key was used "
            + "for a different request (idempotency-key-reused)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> comment(@PathParam("id") UUID id,
                                 @Parameter(description = "a retry with the same key and body gets the first answer again")
                                 @HeaderParam(IdempotentWrites.HEADER) String idempotencyKey,
                                 @Valid @NotNull CreateCommentRequest request) {
        return idempotency.once(token.getName(), idempotencyKey, "POST /api/community/posts/" + id + "/comments", request,
                () -> service.createComment(id, request.parentId(), Actor.of(token), request.body()).map(PostResource::created));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.APP_USER, Roles.MODERATOR, Roles.EDITOR, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "One post or comment", description = "Held and hidden posts are visible to their author and staff only; "
            + "a deleted one answers as a tombstone. The ETag is the version an edit names in If-Match.")
    @APIResponse(responseCode = "404", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> get(@PathParam("id") UUID id) {
        Actor viewer = Actor.of(token);
        return service.get(id, viewer).chain(post -> service.hashtags(id)
                .map(tags -> Response.ok(PostView.shown(post, tags, viewer)).tag(Versions.etag(post.version)).build()));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.APP_USER})
    @Operation(summary = "Edit your own post or comment",
            description = "Needs If-Match with the post's ETag. The new text goes through the check again: BLOCK refuses the edit, "
                    + "REVIEW holds a published post, FLAG queues it, MASK masks. A held or hidden post stays so until a moderator decides.")
    @APIResponse(responseCode = "200", description = "The edited post, with its new ETag",
            content = @Content(schema = @Schema(implementation = EditedView.class)))
    @APIResponse(responseCode = "403", description = "Not your post, or you are sanctioned",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The post was removed or deleted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match names an older version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The new text is blocked; nothing changed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match is missing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> edit(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                              @Valid @NotNull EditPostRequest request) {
        long version = Versions.requireIfMatch(ifMatch);
        return service.edit(id, Actor.of(token), version, request.title(), request.body())
                .map(e -> Response.ok(new EditedView(PostView.of(e.post(), e.hashtags()),
                                e.post().status == PostStatus.HELD ? Decision.REVIEW : e.verdict().decision(), e.verdict().flagged()))
                        .tag(Versions.etag(e.post().version)).build());
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({Roles.APP_USER})
    @Operation(summary = "Delete your own post or comment",
            description = "It stays in its thread as a tombstone (no author, title or body), so answers keep their parent. "
                    + "If-Match is optional; when sent it must name the current version. Deleting again is a no-op.")
    @APIResponse(responseCode = "204")
    @APIResponse(responseCode = "403", description = "Not your post",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Removed by a moderator (appeal instead)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match names an older version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> delete(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        Long version = Versions.ifMatch(ifMatch);
        return service.delete(id, Actor.of(token), version).map(done -> Response.noContent().build());
    }

    @GET
    @Path("{id}/comments")
    @RolesAllowed({Roles.APP_USER, Roles.MODERATOR, Roles.EDITOR, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "A post's published comments, oldest first", description = "parentId tells which comment each one answers.")
    public Uni<Page<PostView>> comments(@PathParam("id") UUID id, @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        int size = Cursor.limit(limit);
        Actor viewer = Actor.of(token);
        return service.comments(id, viewer, Cursor.parse(cursor), size + 1)
                .map(rows -> Page.of(rows, size, p -> PostView.shown(p, null, viewer), p -> Cursor.of(p.createdAt, p.id)));
    }

    @PUT
    @Path("{id}/like")
    @RolesAllowed({Roles.APP_USER})
    @Operation(summary = "Like a post (idempotent)")
    public Uni<LikeView> like(@PathParam("id") UUID id) {
        return service.like(id, Actor.of(token), true).map(LikeView::new);
    }

    @DELETE
    @Path("{id}/like")
    @RolesAllowed({Roles.APP_USER})
    @Operation(summary = "Take a like back (idempotent)")
    public Uni<LikeView> unlike(@PathParam("id") UUID id) {
        return service.like(id, Actor.of(token), false).map(LikeView::new);
    }

    static Response created(PostService.Created c) {
        return Response.created(URI.create("/api/community/posts/" + c.post().id)).tag(Versions.etag(c.post().version))
                .entity(new CreatedView(PostView.of(c.post(), c.hashtags()), c.verdict().decision() == Decision.PASS && c.duplicate()
                        ? Decision.REVIEW : c.post().status == PostStatus.HELD ? Decision.REVIEW : c.verdict().decision(),
                        c.verdict().flagged(), c.duplicate()))
                .build();
    }
}
