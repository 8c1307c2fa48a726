package io.yunying.content.engagement;

import io.smallrye.mutiny.Uni;
import io.yunying.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/content/engagement")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Engagement", description = "Views, likes, shares, comments and reading time from the apps")
public class EngagementResource {

    private final EngagementService engagement;

    public EngagementResource(EngagementService engagement) {
        this.engagement = engagement;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.APP_USER)
    @Operation(summary = "Send a batch of up to 500 engagement events", description = "Events whose id was seen before are ignored,"
            + " so an app may resend a batch it is unsure about. Events for items that are not live are not counted.")
    @APIResponse(responseCode = "202", content = @Content(schema = @Schema(implementation = EngagementService.Result.class)))
    public Uni<Response> ingest(@Valid @NotNull EngagementRequest request) {
        return engagement.ingest(request.events()).map(r -> Response.accepted(r).build());
    }
}
