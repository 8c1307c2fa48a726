package io.yunying.content.outbox;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.List;

/** community-service's event ingest: batches of events, de-duplicated there by event id. */
@RegisterRestClient(configKey = "community")
@Path("/api/community/events")
public interface EventSink {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Void> deliver(@HeaderParam("Authorization") String authorization, List<OutboxEvent> events);
}
