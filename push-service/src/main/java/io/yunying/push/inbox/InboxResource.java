package io.yunying.push.inbox;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.security.Roles;
import io.yunying.push.support.Callers;
import io.yunying.push.support.Page;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

/** The app user's in-app inbox (站内信): the token's subject is their external id. */
@Path("/api/push/me/inbox")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.APP_USER)
@Tag(name = "Inbox", description = "An app user's in-app messages. Role: app-user")
public class InboxResource {

    private final InboxService service;
    private final SecurityIdentity identity;

    public InboxResource(InboxService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "My messages, newest first")
    @APIResponse(responseCode = "200", description = "One page of messages")
    public Uni<Page<InboxMessage>> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return service.list(Callers.appUserId(identity), cursor, limit);
    }

    @GET
    @Path("unread-count")
    @Operation(summary = "How many of my messages are unread", description = "{\"unread\": n}")
    @APIResponse(responseCode = "200", description = "The count")
    public Uni<Map<String, Long>> unread() {
        return service.unread(Callers.appUserId(identity));
    }

    @POST
    @Path("{id}/read")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Mark one of my messages read (records the delivery OPENED)")
    @APIResponse(responseCode = "204", description = "Read")
    @APIResponse(responseCode = "404", description = "Not one of my messages",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> read(@PathParam("id") long id) {
        return service.markRead(Callers.appUserId(identity), id).replaceWith(Response.noContent().build());
    }
}
