package io.yunying.community.moderation;

import io.yunying.platform.problem.Problem;
import io.yunying.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

@Path("/api/community/moderation/check")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Moderation", description = "The moderation check that UGC and community posts go through")
public class ModerationResource {

    @Schema(name = "CheckRequest")
    public record CheckRequest(@NotBlank @Schema(example = "你是傻*逼吗") String text,
                               @Size(max = 40) @Schema(example = "post") String contentType,
                               @Size(max = 128) String authorId,
                               Map<String, String> context) {
    }

    @Schema(name = "CheckHit")
    public record HitView(String ruleId, String word, Category category, Action action, int start, int end, String text) {
    }

    @Schema(name = "CheckResult")
    public record CheckResponse(Decision decision, boolean flagged, String maskedText, List<HitView> hits,
                                List<String> ruleIds, long lexiconVersion) {
    }

    private final ModerationService service;
    private final LexiconHolder holder;

    public ModerationResource(ModerationService service, LexiconHolder holder) {
        this.service = service;
        this.holder = holder;
    }

    // Not reactive on purpose: a check is pure CPU on an in-memory snapshot; running it on a worker
    // thread keeps a large text from stalling the event loop.
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.SERVICE, Roles.MODERATOR, Roles.ADMIN})
    @Operation(summary = "Check a text against the lexicon",
            description = "Decision BLOCK if any BLOCK hit, else REVIEW if any REVIEW hit, else PASS; flagged is true when a FLAG "
                    + "hit asks for a look after publishing. maskedText replaces MASK hits with '*'. Hit positions are UTF-16 "
                    + "offsets into the original text (end exclusive).")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CheckResponse.class)))
    @APIResponse(responseCode = "400", description = "Empty text",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body over 1 MB",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CheckResponse check(@Valid @NotNull CheckRequest request) {
        long version = holder.current().version();
        Lexicon.Result result = service.check(request.text());
        return new CheckResponse(result.decision(), result.flagged(), result.maskedText(),
                result.hits().stream().map(h -> new HitView(h.ruleId(), h.word(), h.category(), h.action(), h.start(), h.end(), h.text())).toList(),
                result.ruleIds(), version);
    }
}
