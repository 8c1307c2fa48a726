package io.yunying.content.schedule;

import io.smallrye.mutiny.Uni;
import io.yunying.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/content/schedule")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Schedule", description = "Scheduled publishing and unpublishing")
public class ScheduleResource {

    private final ScheduleService schedule;

    public ScheduleResource(ScheduleService schedule) {
        this.schedule = schedule;
    }

    @POST
    @Path("run")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Publish and unpublish everything due now, without waiting for the timer",
            description = "Safe to call while the timer runs, and from several replicas: each item moves once")
    public Uni<ScheduleService.RunResult> run() {
        return schedule.runDue();
    }
}
