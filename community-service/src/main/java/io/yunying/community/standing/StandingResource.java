package io.yunying.community.standing;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.yunying.community.report.ReportRepository;
import io.yunying.community.sanction.SanctionRepository;
import io.yunying.community.sanction.SanctionResource;
import io.yunying.community.support.Actor;
import io.yunying.platform.problem.ProblemException;
import io.yunying.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

@Path("/api/community/members/{userId}/standing")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Standing", description = "A member's trust level, strikes and sanctions in force")
public class StandingResource {

    public record StandingView(String userId, Instant firstSeenAt, int posts,
                               @Schema(description = "live strikes: upheld removals and sanctions, not revoked, not yet decayed") int strikes,
                               int trustLevel, double reportWeight,
                               @Schema(description = "weighted reports other members filed against this member") double reportedWeight,
                               List<SanctionResource.SanctionView> activeSanctions) {
    }

    private final StandingService standing;
    private final SanctionRepository sanctions;
    private final ReportRepository reports;
    private final JsonWebToken token;
    private final Clock clock;

    public StandingResource(StandingService standing, SanctionRepository sanctions, ReportRepository reports, JsonWebToken token,
                            Clock clock) {
        this.standing = standing;
        this.sanctions = sanctions;
        this.reports = reports;
        this.token = token;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({Roles.APP_USER, Roles.MODERATOR, Roles.ADMIN})
    @Operation(summary = "A member's standing", description = "Members may read their own only. 404 for a member who never wrote.")
    public Uni<StandingView> get(@PathParam("userId") String userId) {
        Actor actor = Actor.of(token);
        if (!actor.staff() && !actor.id().equals(userId)) {
            throw ProblemException.notFound("member", userId);
        }
        Instant now = clock.instant();
        return Panache.withSession(() -> standing.current(userId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("member", userId))
                .chain(m -> reports.totalWeightAgainstMember(userId).chain(reported -> sanctions.active(userId, now)
                        .map(active -> new StandingView(m.userId, m.firstSeenAt, m.posts, m.strikes, m.trustLevel(now),
                                m.reportWeight(now), reported,
                                active.stream().map(s -> SanctionResource.SanctionView.of(s, now)).toList())))));
    }
}
