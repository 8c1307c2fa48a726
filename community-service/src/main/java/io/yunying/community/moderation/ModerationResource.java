package io.yunying.community.moderation;

import io.smallrye.mutiny.Uni;
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
                               @Size(max = 128) @Schema(description = "when named: the author's trust level sets the link allowance, and a "
                                       + "sanction in force, a near-duplicate of the author's recent text or a burst sends the text to review")
                               String authorId,
                               @Size(max = 20) @Schema(description = "where the text goes (board, threadId, contentId...); contentId names the "
                                       + "piece so a re-check is not its own duplicate; contexts listed as strict hold FLAG hits and allow no links",
                                       example = "{\"board\": \"movies\", \"contentId\": \"0b9c…\"}")
                               Map<@NotBlank @Size(max = 40) String, @NotNull @Size(max = 200) String> context) {
    }

    @Schema(name = "CheckHit")
    public record HitView(String ruleId, String word, Category category, Action action, int start, int end, String text) {
    }

    @Schema(name = "CheckResult")
    public record CheckResponse(Decision decision, boolean flagged, String maskedText, List<HitView> hits,
                                List<String> ruleIds, long lexiconVersion,
                                @Schema(description = "the named author's trust level, null when no author was named") Integer authorTrustLevel,
                                @Schema(description = "true when the context is one the operators marked strict") boolean strict) {
    }

    private final ModerationService service;

    public ModerationResource(ModerationService service) {
        this.service = service;
    }

    // The matching is pure CPU on an in-memory snapshot: the service checks post-sized texts in place and
    // long ones on a worker thread, so a large text cannot stall the event loop; the author's standing and
    // history are read reactively before it.
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.SERVICE, Roles.MODERATOR, Roles.ADMIN})
    @Operation(summary = "Check a text against the lexicon",
            description = "Decision BLOCK if any BLOCK hit, else REVIEW if any REVIEW hit, else PASS; flagged is true when a FLAG "
                    + "hit asks for a look after publishing (in a strict context it holds the text: REVIEW). With authorId, the "
                    + "author's standing and recent texts add the spam:links, spam:duplicate, spam:rate and author:sanctioned "
                    + "heuristics as REVIEW hits; the text's fingerprint is kept for the author's history. maskedText replaces MASK hits with '*'. Hit positions are UTF-16 "
                    + "offsets into the original text (end exclusive).")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CheckResponse.class)))
    @APIResponse(responseCode = "400", description = "Empty text",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body over 1 MB",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CheckResponse> check(@Valid @NotNull CheckRequest request) {
        return service.assess(request.text(), request.contentType(), request.authorId(), request.context())
                .map(ModerationResource::view);
    }

    private static CheckResponse view(ModerationService.Assessment a) {
        Lexicon.Result result = a.result();
        return new CheckResponse(result.decision(), result.flagged(), result.maskedText(),
                result.hits().stream().map(h -> new HitView(h.ruleId(), h.word(), h.category(), h.action(), h.start(), h.end(), h.text())).toList(),
                result.ruleIds(), a.lexiconVersion(), a.trustLevel(), a.strict());
    }
}
