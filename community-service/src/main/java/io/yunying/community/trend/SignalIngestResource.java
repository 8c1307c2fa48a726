package io.yunying.community.trend;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.io.IOException;

@Path("/api/community/trends/signals")
@Tag(name = "Hot topics", description = "Topic signals, trending lists, emerging phrases, guidance and core members")
public class SignalIngestResource {

    /** A batch of this size is about 150 KB of JSON, well inside the request body limit. */
    static final int MAX_BATCH = 5000;

    private final SignalIngestService service;

    public SignalIngestResource(SignalIngestService service) {
        this.service = service;
    }

    /*
     * Blocking: decoding and validating a batch of thousands of events is CPU work; on a worker thread it cannot
     * hold up the event loop that serves the latency-sensitive trending list. The body is taken as bytes and read
     * straight into columns (SignalBatch), not bound to a list of objects.
     */
    @POST
    @Blocking
    @RolesAllowed({Roles.SERVICE, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @ResponseStatus(202)
    @Operation(summary = "Take in a batch of topic signals, each event at most once by its id",
            description = "Up to 5,000 events `{id, topics[], actor, occurredAt}`. Scores count distinct actors, so a redelivered "
                    + "batch or one user repeating a topic adds nothing. The whole batch is refused when one event is invalid.")
    @APIResponse(responseCode = "202", description = "Events received, new, redelivered, and the topic signals the new ones carried",
            content = @Content(schema = @Schema(implementation = SignalIngestService.Intake.class)))
    @APIResponse(responseCode = "400", description = "An event is invalid; nothing of the batch is stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = SignalEvent.class, maxItems = MAX_BATCH)))
    public Uni<SignalIngestService.Intake> ingest(byte[] body) throws IOException {
        return service.ingest(body);
    }
}
