package io.yunying.push.importing;

import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;
import io.yunying.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import io.yunying.platform.problem.Problem;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The format follows the Accept header: text/csv (the import's columns) or application/x-ndjson. */
@Path("/api/push/exports/contacts")
@RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
@Tag(name = "Import and export")
public class ExportResource {

    private final ExportService service;

    public ExportResource(ExportService service) {
        this.service = service;
    }

    @GET
    @Produces("text/csv")
    @Operation(summary = "Stream every live contact as CSV", description = "Read page by page from the database and written as it is read. "
            + "The columns are the import's; attributes, addresses and consents cells hold JSON, so the file reads back through an import.")
    @APIResponse(responseCode = "200", description = "The contacts, header first")
    @APIResponse(responseCode = "400", description = "include names something else than addresses and consents",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Multi<String> csv(@Parameter(description = INCLUDE, example = "addresses,consents") @QueryParam("include") String include) {
        return service.export(true, ExportService.includes(include));
    }

    @GET
    @Produces("application/x-ndjson")
    @Operation(summary = "Stream every live contact as NDJSON, one object a line", description = "Each line reads back through an NDJSON import.")
    @APIResponse(responseCode = "200", description = "The contacts")
    @APIResponse(responseCode = "400", description = "include names something else than addresses and consents",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Multi<Buffer> ndjson(@Parameter(description = INCLUDE, example = "addresses,consents") @QueryParam("include") String include) {
        // raw bytes: a String item would be written as a JSON string under a JSON media type
        return service.export(false, ExportService.includes(include)).map(Buffer::buffer);
    }

    private static final String INCLUDE = "addresses: every address per channel [{channel, deviceId, address}] (deviceId for PUSH only); "
            + "consents: every consent per channel and topic [{channel, topic, status, source, changedAt}]";
}
