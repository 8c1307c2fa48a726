package io.yunying.push.report;

import io.smallrye.mutiny.Uni;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/push/reports")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
@Tag(name = "Reports", description = "Campaign review (复盘) and journey funnels, shaped for charts. Roles: operator, admin")
public class ReportResource {

    private final ReportService service;

    public ReportResource(ReportService service) {
        this.service = service;
    }

    @GET
    @Path("campaigns/{id}")
    @Operation(summary = "A campaign's review in one call",
            description = "Per variant and the holdout: audience, sent, delivered, opened, clicked, converted, rates, uplift against the holdout with a two-proportion z-test; failures and drops by reason; sends, opens and clicks per hour")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CampaignReport.class)))
    @APIResponse(responseCode = "400", description = "Not a campaign id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such campaign",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CampaignReport> campaign(@PathParam("id") String id) {
        return service.campaign(id);
    }

    @GET
    @Path("journeys/{id}")
    @Operation(summary = "A journey's funnel by step, by journey id or key",
            description = "Entered, active, completed, exited by reason, converted; per step: reached, waiting, deliveries by status and what followed the sends, branch counts")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = JourneyReport.class)))
    @APIResponse(responseCode = "404", description = "No such journey",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<JourneyReport> journey(@PathParam("id") String id) {
        return service.journey(id);
    }
}
