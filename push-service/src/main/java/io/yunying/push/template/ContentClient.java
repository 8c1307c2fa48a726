package io.yunying.push.template;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** content-service's live copy of a published item. */
@RegisterRestClient(configKey = "content")
@Path("/api/content/published")
public interface ContentClient {

    @GET
    @Path("{id}")
    Uni<Card> published(@HeaderParam("Authorization") String authorization, @PathParam("id") String id);
}
