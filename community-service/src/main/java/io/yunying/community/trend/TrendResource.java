package io.yunying.community.trend;

import io.smallrye.mutiny.Uni;
import io.yunying.platform.http.Etags;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
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

import java.util.List;

/** The trending lists: the public one for apps, and the operators' views of scores, the gate and emerging phrases. */
@Path("/api/community/trends")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Hot topics")
public class TrendResource {

    private final TrendingService trending;
    private final TrendRecomputer recomputer;
    private final CacheControl cacheControl;

    public TrendResource(TrendingService trending, TrendRecomputer recomputer, TrendConfig config) {
        this.trending = trending;
        this.recomputer = recomputer;
        this.cacheControl = cacheControl(config);
    }

    /** The public list may be reused briefly: it changes at most once per recompute. */
    static CacheControl cacheControl(TrendConfig config) {
        CacheControl cc = new CacheControl();
        cc.setMaxAge((int) Math.max(1, config.publicList().cacheTtl().toSeconds()));
        cc.setPrivate(false);
        return cc;
    }

    @GET
    @RolesAllowed({Roles.APP_USER, Roles.EDITOR, Roles.REVIEWER, Roles.MODERATOR, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "The public trending list", description = "Blocked topics left out, pinned ones at their positions, and the top "
            + "N topics by score shown only once approved (the review gate). ETag with If-None-Match answers 304; Cache-Control allows brief reuse.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TrendingService.PublicList.class)))
    @APIResponse(responseCode = "304", description = "The list the client holds is current")
    @APIResponse(responseCode = "400", description = "Unknown window or limit out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> list(@QueryParam("window") @Parameter(description = "rising (default), 1h, 24h or 7d") String window,
                              @QueryParam("limit") @Parameter(description = "1-50, default 20") Integer limit,
                              @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return trending.publicList(window, limit).map(list -> {
            if (Etags.matches(ifNoneMatch, list.tag())) {
                return Response.notModified(list.tag()).cacheControl(cacheControl).build();
            }
            return Response.ok(list.body(), MediaType.APPLICATION_JSON_TYPE).tag(list.tag()).cacheControl(cacheControl).build();
        });
    }

    @GET
    @Path("ops")
    @RolesAllowed({Roles.MODERATOR, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "The operators' view of a list", description = "Every computed topic with its rank, public position and status "
            + "(SHOWN, PINNED, HELD by the gate, BLOCKED, BELOW the public list), score, distinct users, expected users and rising "
            + "ratio, merged aliases, the reasons it ranks, and a sparkline of distinct users per step (5 min for rising and 1h, "
            + "1 h for 24h, 6 h for 7d).")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TrendingService.OpsList.class)))
    public Uni<TrendingService.OpsList> ops(@QueryParam("window") String window, @QueryParam("limit") Integer limit,
                                            @QueryParam("sparklines") @DefaultValue("true") boolean sparklines) {
        return trending.opsView(window, limit, sparklines);
    }

    @GET
    @Path("gate")
    @RolesAllowed({Roles.MODERATOR, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Topics the review gate holds", description = "Unapproved topics ranking in a list's top N by score (N: yunying.community.trends.gate.rank); "
            + "approve one with POST /trends/topics/{topic}/approve, or block it.")
    public Uni<List<TrendingService.HeldTopic>> gate() {
        return trending.held();
    }

    @GET
    @Path("emerging")
    @RolesAllowed({Roles.MODERATOR, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Emerging phrases", description = "Chinese 2-4-grams and English words of recent community posts whose distinct "
            + "authors burst against their own baseline, tagged or not; a phrase inside a stronger longer one is left out.")
    public Uni<TrendingService.EmergingList> emerging(@QueryParam("limit") Integer limit) {
        return trending.emerging(limit);
    }

    @POST
    @Path("recompute")
    @RolesAllowed({Roles.ADMIN})
    @Operation(summary = "Recompute every list now", description = "What the background job does every few seconds, slow parts included. "
            + "computed is false when another replica holds the recompute lock at this moment.")
    public Uni<TrendRecomputer.Run> recompute() {
        return recomputer.recompute(true);
    }
}
