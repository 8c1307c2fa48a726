package io.yunying.push.consent;

import io.smallrye.mutiny.Uni;
import io.yunying.platform.problem.Problem;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/push/unsubscribe")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Consent")
public class UnsubscribeResource {

    private final ConsentService service;

    public UnsubscribeResource(ConsentService service) {
        this.service = service;
    }

    @GET
    @PermitAll
    @Path("{token}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The page an email's unsubscribe link opens", description = "Changes nothing by itself (link scanners fetch it); its button sends the one-click POST")
    @APIResponse(responseCode = "200", description = "A confirmation page")
    public String page(@PathParam("token") String token) {
        String action = "/api/push/unsubscribe/" + token.replaceAll("[^A-Za-z0-9]", "");
        return """
                <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
                <title>退订 Unsubscribe</title></head><body style="font-family:sans-serif;max-width:32em;margin:3em auto">
                <h1>退订邮件 Unsubscribe</h1><p>不再接收我们的邮件？ Stop receiving our emails?</p>
                <form method="post" action="%s"><button type="submit">确认退订 Unsubscribe</button></form>
                </body></html>""".formatted(action);
    }

    @POST
    @PermitAll
    @Path("{token}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "One-click email unsubscribe (RFC 8058)", description = "The token from the List-Unsubscribe link is the credential; no sign-in")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ConsentView.class)))
    @APIResponse(responseCode = "404", description = "Unknown token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ConsentView> unsubscribe(@PathParam("token") String token, @QueryParam("topic") String topic) {
        return service.unsubscribe(token, topic);
    }
}
