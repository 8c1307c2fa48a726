package io.yunying.community.trend;

import io.smallrye.mutiny.Uni;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.problem.ProblemException;
import io.yunying.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

@Path("/api/community/trends/core-members")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Hot topics")
public class CoreMemberResource {

    public record CoreMembers(String board, String topic, int days, List<CoreMemberRepository.CoreMember> members) {
    }

    private final CoreMemberRepository repository;
    private final Clock clock;

    public CoreMemberResource(CoreMemberRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({Roles.MODERATOR, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Core members (KOLs) of a board or a topic", description = "Exactly one of board (slug) or topic. Authors of "
            + "published posts of the last `days` (1-90, default 30) ranked by distinct other members reached (likers and "
            + "commenters), then likes + comments received. A topic includes its merged aliases.")
    @APIResponse(responseCode = "400", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CoreMembers> coreMembers(@QueryParam("board") String board, @QueryParam("topic") String topic,
                                        @QueryParam("days") Integer days, @QueryParam("limit") Integer limit) {
        if ((board == null) == (topic == null)) {
            throw ProblemException.invalid("board", "give exactly one of board or topic");
        }
        int period = days == null ? 30 : days;
        if (period < 1 || period > 90) {
            throw ProblemException.invalid("days", "between 1 and 90");
        }
        int size = limit == null ? 20 : limit;
        if (size < 1 || size > 100) {
            throw ProblemException.invalid("limit", "between 1 and 100");
        }
        var since = clock.instant().minus(Duration.ofDays(period));
        if (board != null) {
            return repository.ofBoard(board, since, size).map(m -> new CoreMembers(board, null, period, m));
        }
        String canonical = Topics.valid(topic);
        if (canonical == null) {
            throw ProblemException.invalid("topic", "a topic is 1 to " + Topics.MAX_LENGTH + " characters without '#'");
        }
        return repository.ofTopic(canonical, since, size).map(m -> new CoreMembers(null, canonical, period, m));
    }
}
