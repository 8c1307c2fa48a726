package io.yunying.push.analytics;

import io.smallrye.mutiny.Uni;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/push/analytics")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
@Tag(name = "Analytics", description = "DAU/WAU/MAU, retention cohorts and funnels, shaped for charts. Roles: operator, admin")
public class AnalyticsResource {

    private final AnalyticsService service;

    public AnalyticsResource(AnalyticsService service) {
        this.service = service;
    }

    @GET
    @Path("active")
    @Operation(summary = "Daily, weekly and monthly active contacts for each day of a range")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ActiveUsers.class)))
    @APIResponse(responseCode = "400", description = "Bad dates or zone",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ActiveUsers> active(@Parameter(description = "first day, default 29 days before to", example = "2026-04-01") @QueryParam("from") String from,
                                   @Parameter(description = "last day, default today", example = "2026-04-30") @QueryParam("to") String to,
                                   @Parameter(description = "whose calendar days, default Asia/Shanghai") @QueryParam("zone") String zone) {
        return service.active(from, to, zone);
    }

    @GET
    @Path("retention")
    @Operation(summary = "N-day retention of sign-up cohorts", description = "bounded: active on day N; unbounded: on day N or later. Optionally only members of a segment: a materialised one by its stored membership, a live one by its rule evaluated now.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Retention.class)))
    @APIResponse(responseCode = "400", description = "Bad dates, days, mode, zone or segment",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Retention> retention(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("zone") String zone,
                                    @Parameter(description = "default 1,7,30") @QueryParam("days") String days,
                                    @Parameter(description = "bounded (default) or unbounded") @QueryParam("mode") String mode,
                                    @Parameter(description = "key of a segment, live or materialised") @QueryParam("segment") String segment) {
        return service.retention(from, to, zone, days, mode, segment);
    }

    @POST
    @Path("funnels")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ordered funnel with a conversion window: counts, conversion from the start and step to step")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Funnel.class)))
    @APIResponse(responseCode = "400", description = "Invalid steps, range or window",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Funnel> funnel(@Valid @NotNull FunnelRequest request) {
        return service.funnel(request);
    }
}
