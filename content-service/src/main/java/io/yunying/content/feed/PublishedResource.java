package io.yunying.content.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.yunying.content.support.ContentConfig;
import io.yunying.content.support.Db;
import io.yunying.platform.http.Etags;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.problem.ProblemException;
import io.yunying.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Path("/api/content/published/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Feeds")
public class PublishedResource {

    private final Pool pool;
    private final ObjectMapper json;
    private final CacheControl cacheControl;

    public PublishedResource(Pool pool, ObjectMapper json, ContentConfig config) {
        this.pool = pool;
        this.json = json;
        this.cacheControl = new CacheControl();
        this.cacheControl.setMaxAge(config.feed().maxAgeSeconds());
    }

    @Schema(name = "PublishedItem", description = "The live copy of an item, for the detail view")
    public record Detail(UUID id, int revision, String type, String source, String title, String summary, String body,
                         String coverUrl, List<String> mediaUrls, String author, String category, List<String> tags,
                         List<String> collections, String locale, Instant publishedAt, Card.Counts counts) {
    }

    @GET
    // push-service (service token) and operators read the live copy for content cards in messages
    @RolesAllowed({Roles.APP_USER, Roles.EDITOR, Roles.REVIEWER, Roles.OPERATOR, Roles.SERVICE, Roles.ADMIN})
    @Operation(summary = "The live copy of one item (detail view); ETag and If-None-Match → 304")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Detail.class)))
    @APIResponse(responseCode = "304", description = "The copy the client holds is current")
    @APIResponse(responseCode = "404", description = "Not published",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> get(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return pool.preparedQuery("""
                        select p.*, s.views, s.likes, s.comments, s.shares,
                               array(select c.slug from collection_item ci join collection c on c.id = ci.collection_id
                                     where ci.item_id = p.id and c.state = 'PUBLISHED' order by c.slug) as collections
                        from published_content p left join content_stats s on s.item_id = p.id where p.id = $1""")
                .execute(Db.args(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("published item", id);
                    }
                    var r = rows.iterator().next();
                    Detail detail = new Detail(id, r.getInteger("revision"), r.getString("type"), r.getString("source"),
                            r.getString("title"), r.getString("summary"), r.getString("body"), r.getString("cover_url"),
                            Db.strings(r, "media_urls"), r.getString("author"), r.getString("category"), Db.strings(r, "tags"),
                            Db.strings(r, "collections"), r.getString("locale"), Db.instant(r, "published_at"), Card.counts(r));
                    byte[] body;
                    try {
                        body = json.writeValueAsBytes(detail);
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        throw new IllegalStateException(e);
                    }
                    EntityTag tag = Etags.of(body);
                    if (Etags.matches(ifNoneMatch, tag)) {
                        return Response.notModified(tag).cacheControl(cacheControl).build();
                    }
                    return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).tag(tag).cacheControl(cacheControl).build();
                });
    }
}
