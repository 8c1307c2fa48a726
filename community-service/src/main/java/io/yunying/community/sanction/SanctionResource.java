package io.yunying.community.sanction;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.problem.ProblemException;
import io.yunying.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Path("/api/community/sanctions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sanctions", description = "Warnings, mutes, suspensions and bans with an end")
public class SanctionResource {

    @Schema(name = "IssueSanction")
    public record IssueRequest(@NotBlank @Size(max = 128) String userId, @NotNull SanctionType type,
                               @NotBlank @Size(max = 500) String reason,
                               @Min(1) @Max(24 * 365 * 5) @Schema(description = "required for MUTE and SUSPEND; none on a BAN makes it permanent")
                               Integer durationHours) {
    }

    public record RevokeRequest(@NotBlank @Size(max = 500) String reason) {
    }

    @Schema(name = "Sanction")
    public record SanctionView(UUID id, String userId, SanctionType type, String reason, UUID reviewItemId, String issuedBy,
                               Instant startsAt, Instant endsAt, boolean active, Instant revokedAt, String revokedBy) {
        public static SanctionView of(Sanction s, Instant now) {
            return new SanctionView(s.id, s.userId, s.type, s.reason, s.reviewItemId, s.issuedBy, s.startsAt, s.endsAt,
                    s.activeAt(now), s.revokedAt, s.revokedBy);
        }
    }

    private final SanctionService service;
    private final JsonWebToken token;
    private final Clock clock;

    public SanctionResource(SanctionService service, JsonWebToken token, Clock clock) {
        this.service = service;
        this.token = token;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.MODERATOR, Roles.ADMIN})
    @Operation(summary = "Sanction a member", description = "Counts as a strike. It ends by itself at endsAt; no job is needed.")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = SanctionView.class)))
    @APIResponse(responseCode = "400", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> issue(@Valid @NotNull IssueRequest request) {
        Duration duration = request.durationHours() == null ? null : Duration.ofHours(request.durationHours());
        return Panache.withTransaction(() -> service.issue(request.userId(), request.type(), request.reason(), duration, null, token.getName()))
                .map(s -> Response.status(201).entity(SanctionView.of(s, clock.instant())).build());
    }

    @POST
    @Path("{id}/revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.MODERATOR, Roles.ADMIN})
    @Operation(summary = "Lift a sanction early")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SanctionView.class)))
    @APIResponse(responseCode = "409", description = "Already revoked",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SanctionView> revoke(@PathParam("id") UUID id, @Valid @NotNull RevokeRequest request) {
        return Panache.withTransaction(() -> service.revoke(id, request.reason(), token.getName()))
                .map(s -> SanctionView.of(s, clock.instant()));
    }

    @GET
    @RolesAllowed({Roles.MODERATOR, Roles.ADMIN, Roles.APP_USER})
    @Operation(summary = "A member's sanctions, newest first", description = "Members may read only their own.")
    public Uni<List<SanctionView>> list(@QueryParam("userId") String userId) {
        if (userId == null || userId.isBlank()) {
            throw ProblemException.invalid("userId", "must not be blank");
        }
        if (!isStaff() && !userId.equals(token.getName())) {
            throw new ProblemException(403, "forbidden", "Forbidden", "members may read only their own sanctions");
        }
        Instant now = clock.instant();
        return Panache.withSession(() -> service.ofUser(userId)).map(list -> list.stream().map(s -> SanctionView.of(s, now)).toList());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.MODERATOR, Roles.ADMIN, Roles.APP_USER})
    @Operation(summary = "One sanction")
    public Uni<SanctionView> get(@PathParam("id") UUID id) {
        return Panache.withSession(() -> service.get(id)).map(s -> {
            if (!isStaff() && !s.userId.equals(token.getName())) {
                throw ProblemException.notFound("sanction", id);
            }
            return SanctionView.of(s, clock.instant());
        });
    }

    private boolean isStaff() {
        return token.getGroups().contains(Roles.MODERATOR) || token.getGroups().contains(Roles.ADMIN);
    }
}
