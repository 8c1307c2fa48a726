package io.yunying.push.tracking;

import io.smallrye.mutiny.Uni;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.security.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.Base64;

@Path("/api/push")
@Tag(name = "Tracking", description = "Opens, clicks and provider receipts, written to the delivery's events")
public class TrackingResource {

    private static final byte[] PIXEL = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private final TrackingService service;

    public TrackingResource(TrackingService service) {
        this.service = service;
    }

    @GET
    @PermitAll
    @Path("t/c/{deliveryId}")
    @Operation(summary = "Click link in a message: records CLICKED and redirects", description = "Only links signed at render time redirect; no sign-in")
    @APIResponse(responseCode = "302", description = "To the link's target")
    @APIResponse(responseCode = "404", description = "Unsigned or altered link",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> click(@PathParam("deliveryId") long deliveryId, @QueryParam("u") String url, @QueryParam("s") String signature) {
        return service.click(deliveryId, url, signature).map(target -> Response.status(302).location(URI.create(target))
                .cacheControl(noStore()).build());
    }

    @GET
    @PermitAll
    @Path("t/o/{deliveryId}")
    @Produces("image/gif")
    @Operation(summary = "Email open pixel: records OPENED", description = "Signed per delivery; no sign-in")
    @APIResponse(responseCode = "200", description = "A transparent 1×1 GIF")
    public Uni<Response> open(@PathParam("deliveryId") long deliveryId, @QueryParam("s") String signature) {
        return service.openPixel(deliveryId, signature).replaceWith(() -> Response.ok(PIXEL, "image/gif").cacheControl(noStore()).build());
    }

    @POST
    @RolesAllowed({Roles.SERVICE, Roles.OPERATOR, Roles.ADMIN})
    @Path("receipts")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A provider's delivery receipt, bounce or complaint (a bounce also suppresses the address)")
    @APIResponse(responseCode = "204", description = "Recorded")
    @APIResponse(responseCode = "404", description = "No such sent delivery",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> receipt(@Valid @NotNull Receipt receipt) {
        return service.receipt(receipt).replaceWith(Response.noContent().build());
    }

    private static CacheControl noStore() {
        CacheControl cc = new CacheControl();
        cc.setNoStore(true);
        return cc;
    }
}
