package io.yunying.content.outbox;

import io.smallrye.mutiny.Uni;
import io.yunying.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/content/outbox/subscribers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Outbox", description = "Event delivery to the services that subscribe to content events")
public class OutboxResource {

    private final OutboxRelay relay;

    public OutboxResource(OutboxRelay relay) {
        this.relay = relay;
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Each subscriber's delivery state: events pending for it, failed attempts in a row, next attempt, last error")
    public Uni<List<OutboxRelay.SubscriberStatus>> subscribers() {
        return relay.status();
    }
}
