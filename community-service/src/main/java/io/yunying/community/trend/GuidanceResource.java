package io.yunying.community.trend;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.yunying.community.modlog.ModerationLogResource;
import io.yunying.community.support.Cursor;
import io.yunying.community.support.Page;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.problem.ProblemException;
import io.yunying.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;

/** Operators' guidance of topics; every action states a reason and lands in the moderation log. */
@Path("/api/community/trends")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Hot topics")
@RolesAllowed({Roles.MODERATOR, Roles.OPERATOR, Roles.ADMIN})
public class GuidanceResource {

    @Schema(name = "GuidanceReason")
    public record ReasonRequest(@NotBlank @Size(max = 500) @Schema(example = "赛事官方话题") String reason) {
    }

    @Schema(name = "PinTopic")
    public record PinRequest(@NotNull @Schema(example = "1") Integer position,
                             @Schema(description = "the pin's end; or give hours", example = "2026-11-23T00:00:00Z") Instant until,
                             @Schema(description = "the pin's length from now, instead of until", example = "24") Integer hours,
                             @NotBlank @Size(max = 500) String reason) {
    }

    @Schema(name = "MergeTopic")
    public record MergeRequest(@NotBlank @Size(max = 100) @Schema(description = "the canonical topic", example = "世界杯") String into,
                               @NotBlank @Size(max = 500) String reason) {
    }

    private final GuidanceService guidance;
    private final GuidanceRepository repository;
    private final JsonWebToken token;

    public GuidanceResource(GuidanceService guidance, GuidanceRepository repository, JsonWebToken token) {
        this.guidance = guidance;
        this.repository = repository;
        this.token = token;
    }

    @GET
    @Path("topics/{topic}")
    @Operation(summary = "A topic's guidance: approved, blocked, pin, its canonical topic or its aliases")
    @APIResponse(responseCode = "404", description = "Nothing was ever recorded or decided about the topic",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<GuidanceService.Guidance> get(@PathParam("topic") String topic) {
        return guidance.find(topic);
    }

    @POST
    @Path("topics/{topic}/pin")
    @Operation(summary = "Pin a topic at a public position until a time", description = "Position 1-50; until, or hours from now, at most 30 days ahead. "
            + "A pin bypasses the review gate; a blocked or merged topic cannot be pinned (409).")
    @APIResponse(responseCode = "400", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "blocked or merged", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<GuidanceService.Guidance> pin(@PathParam("topic") String topic, @Valid @NotNull PinRequest request) {
        if ((request.until() == null) == (request.hours() == null)) {
            throw ProblemException.invalid("until", "give exactly one of until or hours");
        }
        return guidance.pin(topic, request.position(), request.until(), request.hours(), token.getName(), request.reason());
    }

    @POST
    @Path("topics/{topic}/unpin")
    @Operation(summary = "Take a pin off")
    public Uni<GuidanceService.Guidance> unpin(@PathParam("topic") String topic, @Valid @NotNull ReasonRequest request) {
        return guidance.unpin(topic, token.getName(), request.reason());
    }

    @POST
    @Path("topics/{topic}/block")
    @Operation(summary = "Block a topic from every public list (its pin is taken off)")
    public Uni<GuidanceService.Guidance> block(@PathParam("topic") String topic, @Valid @NotNull ReasonRequest request) {
        return guidance.block(topic, token.getName(), request.reason());
    }

    @POST
    @Path("topics/{topic}/unblock")
    @Operation(summary = "Let a blocked topic back")
    public Uni<GuidanceService.Guidance> unblock(@PathParam("topic") String topic, @Valid @NotNull ReasonRequest request) {
        return guidance.unblock(topic, token.getName(), request.reason());
    }

    @POST
    @Path("topics/{topic}/approve")
    @Operation(summary = "Approve a topic past the review gate", description = "It may then take the gated top positions of the public list.")
    public Uni<GuidanceService.Guidance> approve(@PathParam("topic") String topic, @Valid @NotNull ReasonRequest request) {
        return guidance.approve(topic, token.getName(), request.reason());
    }

    @POST
    @Path("topics/{topic}/merge")
    @Operation(summary = "Merge a synonym into a canonical topic", description = "The synonym's signals count for the canonical topic "
            + "from now on, and its earlier counters are added when lists are computed. Answers the canonical topic's guidance.")
    @APIResponse(responseCode = "409", description = "already merged, or the canonical topic is itself an alias",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<GuidanceService.Guidance> merge(@PathParam("topic") String topic, @Valid @NotNull MergeRequest request) {
        return guidance.merge(topic, request.into(), token.getName(), request.reason());
    }

    @POST
    @Path("topics/{topic}/unmerge")
    @Operation(summary = "Undo a merge", description = "Signals recorded for the canonical topic while merged stay with it.")
    public Uni<GuidanceService.Guidance> unmerge(@PathParam("topic") String topic, @Valid @NotNull ReasonRequest request) {
        return guidance.unmerge(topic, token.getName(), request.reason());
    }

    @GET
    @Path("guidance-log")
    @WithSession
    @Operation(summary = "Guidance actions, newest first", description = "Who did what to which topic, when and why "
            + "(moderation-log entries whose subject type is topic). Optional topic filter; cursor pagination.")
    public Uni<Page<ModerationLogResource.LogView>> log(@QueryParam("topic") String topic, @QueryParam("cursor") String cursor,
                                                         @QueryParam("limit") Integer limit) {
        int size = Cursor.limit(limit);
        Cursor after = Cursor.parse(cursor);
        String normalised = topic == null ? null : Topics.normalise(topic);
        return repository.log(normalised, after == null ? null : after.instant(), after == null ? null : after.id(), size + 1)
                .map(rows -> Page.of(rows, size, ModerationLogResource.LogView::of, e -> Cursor.of(e.createdAt, e.id)));
    }
}
