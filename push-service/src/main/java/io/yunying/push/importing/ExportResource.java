package io.yunying.push.importing;

import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;
import io.yunying.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import org.eclipse.microprofile.openapi.annotations.Operation;
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
    @Operation(summary = "Stream every live contact as CSV", description = "Read page by page from the database and written as it is read")
    @APIResponse(responseCode = "200", description = "The contacts, header first")
    public Multi<String> csv() {
        return service.export(true);
    }

    @GET
    @Produces("application/x-ndjson")
    @Operation(summary = "Stream every live contact as NDJSON, one object a line")
    @APIResponse(responseCode = "200", description = "The contacts")
    public Multi<Buffer> ndjson() {
        // raw bytes: a String item would be written as a JSON string under a JSON media type
        return service.export(false).map(Buffer::buffer);
    }
}
