package io.yunying.community.post;

import io.smallrye.mutiny.Uni;
import io.yunying.community.moderation.Decision;
import io.yunying.community.support.Actor;
import io.yunying.community.support.Cursor;
import io.yunying.community.support.Page;
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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
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

    @Schema(name = "Post")
    public record PostView(UUID id, UUID boardId, UUID threadId, UUID parentId, String authorId, String title, String body,
                           PostStatus status, int likeCount, List<String> hashtags, Instant createdAt, long version) {
        static PostView of(Post p, List<String> tags) {
            return new PostView(p.id, p.boardId, p.threadId, p.parentId, p.authorId, p.title, p.body, p.status, p.likeCount,
                    tags, p.createdAt, p.version);
        }
    }

    @Schema(name = "CreatedPost", description = "The post and the moderation verdict that shaped it")
    public record CreatedView(PostView post, Decision decision, boolean flagged, boolean duplicate) {
    }

    public record LikeView(int likeCount) {
    }

    private final PostService service;
    private final JsonWebToken token;

    public PostResource(PostService service, JsonWebToken token) {
        this.service = service;
        this.token = token;
    }

    @POST
    @Path("{id}/comments")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.APP_USER, Roles.MODERATOR, Roles.ADMIN})
    @Operation(summary = "Comment on a post, or answer a comment (parentId)", description = "Same checks as a post.")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = CreatedView.class)))
    public Uni<Response> comment(@PathParam("id") UUID id, @Valid @NotNull CreateCommentRequest request) {
        return service.createComment(id, request.parentId(), Actor.of(token), request.body()).map(PostResource::created);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.APP_USER, Roles.MODERATOR, Roles.EDITOR, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "One post or comment", description = "Held and hidden posts are visible to their author and staff only.")
    @APIResponse(responseCode = "404", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<PostView> get(@PathParam("id") UUID id) {
        return service.get(id, Actor.of(token)).chain(post -> service.hashtags(id).map(tags -> PostView.of(post, tags)));
    }

    @GET
    @Path("{id}/comments")
    @RolesAllowed({Roles.APP_USER, Roles.MODERATOR, Roles.EDITOR, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "A post's published comments, oldest first", description = "parentId tells which comment each one answers.")
    public Uni<Page<PostView>> comments(@PathParam("id") UUID id, @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        int size = Cursor.limit(limit);
        return service.comments(id, Actor.of(token), Cursor.parse(cursor), size + 1)
                .map(rows -> Page.of(rows, size, p -> PostView.of(p, null), p -> Cursor.of(p.createdAt, p.id)));
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
        return Response.created(URI.create("/api/community/posts/" + c.post().id))
                .entity(new CreatedView(PostView.of(c.post(), c.hashtags()), c.verdict().decision() == Decision.PASS && c.duplicate()
                        ? Decision.REVIEW : c.post().status == PostStatus.HELD ? Decision.REVIEW : c.verdict().decision(),
                        c.verdict().flagged(), c.duplicate()))
                .build();
    }
}
