package io.yunying.push.importing;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.yunying.platform.idempotency.IdempotentWrites;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.problem.ProblemException;
import io.yunying.platform.security.Roles;
import io.yunying.push.support.Callers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api/push/imports")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
@Tag(name = "Import and export", description = "Bulk upsert of contacts from CSV or NDJSON in numbered parts, with a per-row error report. Roles: operator, admin")
public class ImportResource {

    private final ImportService service;
    private final IdempotentWrites idempotency;
    private final SecurityIdentity identity;

    public ImportResource(ImportService service, IdempotentWrites idempotency, SecurityIdentity identity) {
        this.service = service;
        this.idempotency = idempotency;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start an import (csv or ndjson)")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = ImportJob.class)))
    @APIResponse(responseCode = "409", description = "A request with the same Idempotency-Key is still running",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for a different request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(@Parameter(description = "a retry with the same key and body gets the first import, not a second one")
                                @HeaderParam(IdempotentWrites.HEADER) String key,
                                @Valid @NotNull ImportRequest request, @Context UriInfo uri) {
        return idempotency.once(Callers.scope(identity), key, "POST /api/push/imports", request, null,
                () -> service.create(request.format(), Callers.name(identity))
                        .map(job -> Response.created(uri.getAbsolutePathBuilder().path(job.id().toString()).build()).entity(job).build()));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Totals of an import so far")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ImportJob.class)))
    public Uni<ImportJob> get(@PathParam("id") UUID id) {
        return service.get(id);
    }

    @POST
    @Path("{id}/parts/{part}")
    @Consumes({"text/csv", "application/x-ndjson", MediaType.TEXT_PLAIN})
    @Operation(summary = "Upsert the next part of the file", description = "Parts are numbered from 1 and sent in order, each ending at a record boundary; the first CSV part starts with the header. A part sent again is recognised and not applied twice.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = PartResult.class)))
    @APIResponse(responseCode = "409", description = "Not the next part",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "The part is larger than the body limit; send smaller parts",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<PartResult> part(@PathParam("id") UUID id, @PathParam("part") int part, String body) {
        if (part < 1) {
            throw ProblemException.invalid("part", "parts are numbered from 1");
        }
        return service.part(id, part, body == null ? "" : body);
    }

    @GET
    @Path("{id}/errors")
    @Operation(summary = "The refused rows, by row number", description = "Page with afterRow = the last row number seen")
    @APIResponse(responseCode = "200", description = "Row errors")
    public Uni<List<PartResult.RowError>> errors(@PathParam("id") UUID id, @QueryParam("afterRow") Long afterRow,
                                                 @QueryParam("limit") Integer limit) {
        return service.errors(id, afterRow, limit);
    }
}
