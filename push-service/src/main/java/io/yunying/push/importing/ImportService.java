package io.yunying.push.importing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Bulk upsert of contacts. A file of any size is sent as numbered parts, each within the request
 * body limit and ending at a record boundary; the service never holds more than one part. Every
 * refused row is reported with its number across the whole import and the field at fault.
 */
@ApplicationScoped
public class ImportService {

    private static final int ERRORS_IN_ANSWER = 100;

    private final ImportRepository imports;
    private final ImportConfig config;
    private final ObjectMapper json;
    private final Clock clock;

    public ImportService(ImportRepository imports, ImportConfig config, ObjectMapper json, Clock clock) {
        this.imports = imports;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    public Uni<ImportJob> create(String format, String createdBy) {
        return imports.create(format, createdBy, clock.instant());
    }

    public Uni<ImportJob> get(UUID id) {
        return imports.find(id).onItem().ifNull().failWith(() -> ProblemException.notFound("import", id));
    }

    public Uni<List<PartResult.RowError>> errors(UUID id, Long afterRow, Integer limit) {
        int size = limit == null ? 100 : limit;
        if (size < 1 || size > 1000) {
            throw ProblemException.invalid("limit", "must be between 1 and 1000");
        }
        return get(id).flatMap(job -> imports.errorPage(id, afterRow == null ? 0 : afterRow, size));
    }

    public Uni<PartResult> part(UUID id, int part, String body) {
        Instant now = clock.instant();
        return imports.pool().withTransaction(tx -> imports.lock(tx, id).flatMap(job -> {
            if (job == null) {
                return Uni.createFrom().failure(ProblemException.notFound("import", id));
            }
            if (part <= job.parts()) {
                return Uni.createFrom().item(PartResult.replay(part, job));
            }
            if (part != job.parts() + 1) {
                return Uni.createFrom().failure(ProblemException.conflict("import-part-order", "Parts out of order",
                        "import " + id + " expects part " + (job.parts() + 1) + " next", Map.of("expectedPart", job.parts() + 1)));
            }
            return tx.preparedQuery("select header from import_job where id = $1").execute(io.vertx.mutiny.sqlclient.Tuple.of(id))
                    .map(rows -> rows.iterator().next().getArrayOfStrings("header"))
                    .flatMap(stored -> {
                        Parsed parsed = job.format().equals("csv") ? csv(body, stored, job.rowsReceived()) : ndjson(body, job.rowsReceived());
                        int keep = (int) Math.max(0, Math.min(parsed.errors.size(), config.maxErrorsKept() - job.rowsRejected()));
                        List<PartResult.RowError> kept = parsed.errors.subList(0, keep);
                        return imports.upsert(tx, parsed.rows, now)
                                .flatMap(written -> imports.errors(tx, id, kept)
                                        .flatMap(x -> imports.advance(tx, id, stored == null ? parsed.header : null,
                                                parsed.received, written, parsed.rejected, now))
                                        .map(updated -> new PartResult(part, false, parsed.received, written, parsed.rejected,
                                                parsed.errors.subList(0, Math.min(parsed.errors.size(), ERRORS_IN_ANSWER)), updated)));
                    });
        }));
    }

    private static final class Parsed {
        final List<ImportRow> rows = new ArrayList<>();
        final List<PartResult.RowError> errors = new ArrayList<>();
        String[] header;
        long received;
        long rejected;

        /** Keeps the last row of an external id that appears twice in one part, as a later part would. */
        void accept(ImportRow row, Map<String, Integer> positions) {
            Integer at = positions.get(row.externalId());
            if (at != null) {
                rows.set(at, row);
            } else {
                positions.put(row.externalId(), rows.size());
                rows.add(row);
            }
        }
    }

    private Parsed csv(String body, String[] stored, long before) {
        Parsed parsed = new Parsed();
        List<List<String>> records = Csv.parse(body);
        int start = 0;
        String[] header = stored;
        if (header == null) {
            if (records.isEmpty()) {
                throw ProblemException.invalid("header", "the first part starts with a header line naming the columns");
            }
            header = records.get(0).stream().map(String::trim).toArray(String[]::new);
            checkHeader(header);
            parsed.header = header;
            start = 1;
        }
        Map<String, Integer> positions = new HashMap<>();
        for (int i = start; i < records.size(); i++) {
            long rowNo = before + ++parsed.received;
            List<String> record = records.get(i);
            List<PartResult.RowError> rowErrors = new ArrayList<>();
            if (record.size() > header.length) {
                rowErrors.add(new PartResult.RowError(rowNo, "", "has " + record.size() + " fields, the header names " + header.length));
            }
            Map<String, String> values = new LinkedHashMap<>();
            Map<String, Object> attributes = new LinkedHashMap<>();
            RowReader.Problems problems = (field, message) -> rowErrors.add(new PartResult.RowError(rowNo, field, message));
            RowReader.fromCsv(header, record, values, attributes, problems);
            ImportRow row = RowReader.read(values, attributes, problems);
            finish(parsed, row, rowErrors, positions);
        }
        return parsed;
    }

    private Parsed ndjson(String body, long before) {
        Parsed parsed = new Parsed();
        Map<String, Integer> positions = new HashMap<>();
        for (String line : body.split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            long rowNo = before + ++parsed.received;
            List<PartResult.RowError> rowErrors = new ArrayList<>();
            Map<String, String> values = new LinkedHashMap<>();
            Map<String, Object> attributes = new LinkedHashMap<>();
            try {
                JsonNode node = json.readTree(line);
                if (node == null || !node.isObject()) {
                    rowErrors.add(new PartResult.RowError(rowNo, "", "a line is one JSON object"));
                } else {
                    RowReader.fromJson(node, values, attributes, (field, message) -> rowErrors.add(new PartResult.RowError(rowNo, field, message)));
                }
            } catch (JsonProcessingException e) {
                rowErrors.add(new PartResult.RowError(rowNo, "", "not valid JSON"));
            }
            ImportRow row = rowErrors.isEmpty()
                    ? RowReader.read(values, attributes, (field, message) -> rowErrors.add(new PartResult.RowError(rowNo, field, message)))
                    : null;
            finish(parsed, row, rowErrors, positions);
        }
        return parsed;
    }

    private static void finish(Parsed parsed, ImportRow row, List<PartResult.RowError> rowErrors, Map<String, Integer> positions) {
        if (rowErrors.isEmpty()) {
            parsed.accept(row, positions);
        } else {
            parsed.rejected++;
            parsed.errors.addAll(rowErrors);
        }
    }

    private static void checkHeader(String[] header) {
        List<Problem.FieldError> errors = new ArrayList<>();
        boolean hasId = false;
        for (int i = 0; i < header.length; i++) {
            String column = header[i];
            if (column.equals("externalId")) {
                hasId = true;
            } else if (!RowReader.COLUMNS.contains(column) && !column.startsWith(RowReader.ATTR)
                    && !RowReader.STRUCTURED.contains(column) && !RowReader.DERIVED.contains(column)) {
                errors.add(new Problem.FieldError("header[" + i + "]", "unknown column '" + column + "'; columns are "
                        + String.join(", ", RowReader.COLUMNS) + ", " + String.join(", ", RowReader.STRUCTURED) + " (JSON), attr.<key>"
                        + " and the export's " + String.join(", ", RowReader.DERIVED) + " (ignored)", null));
            }
        }
        if (!hasId) {
            errors.add(new Problem.FieldError("header", "an externalId column is required", null));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "validation", "Invalid request", errors.get(0).message(), errors, Map.of());
        }
    }
}
