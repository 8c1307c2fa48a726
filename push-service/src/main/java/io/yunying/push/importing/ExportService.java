package io.yunying.push.importing;

import io.smallrye.mutiny.Multi;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.yunying.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Streams live contacts in the import's own format, so an export reads back through an import: the profile
 * columns, the computed ones (ignored by an import), and on request each contact's addresses and consents as
 * JSON arrays (a CSV cell holds the same JSON an NDJSON line does).
 */
@ApplicationScoped
public class ExportService {

    private static final int PAGE = 1000;
    private static final List<String> EXTRA = List.of("lastSeenAt", "lifecycleStage", "rfmGroup", "attributes");
    /** What an export may add on request, in the order the columns come. */
    static final List<String> INCLUDES = List.of("addresses", "consents");
    private static final Map<String, String> COLUMN_OF = new LinkedHashMap<>();

    static {
        for (String name : RowReader.COLUMNS) {
            COLUMN_OF.put(name, name.replaceAll("([A-Z])", "_$1").toLowerCase());
        }
    }

    private final ImportRepository repository;

    public ExportService(ImportRepository repository) {
        this.repository = repository;
    }

    /** The parts an {@code include} parameter asks for ("addresses,consents"), checked against the whitelist. */
    public static Set<String> includes(String include) {
        Set<String> parts = new LinkedHashSet<>();
        if (include == null || include.isBlank()) {
            return parts;
        }
        for (String part : include.split(",")) {
            String name = part.trim();
            if (!INCLUDES.contains(name)) {
                throw ProblemException.invalid("include", "a comma-separated list of " + String.join(", ", INCLUDES) + "; not '" + name + "'");
            }
            parts.add(name);
        }
        return parts;
    }

    /** Keyset pages, one query per page, each page written before the next is read. */
    public Multi<String> export(boolean csv, Set<String> include) {
        boolean addresses = include.contains("addresses");
        boolean consents = include.contains("consents");
        Multi<List<Line>> pages = Multi.createBy().repeating()
                .uni(() -> new long[]{0}, after -> repository.exportPage(after[0], PAGE, addresses, consents,
                                row -> line(row, csv, addresses, consents))
                        .invoke(lines -> {
                            if (!lines.isEmpty()) {
                                after[0] = lines.get(lines.size() - 1).seq();
                            }
                        }))
                .until(List::isEmpty);
        Multi<String> body = pages.onItem().transform(lines -> {
            StringBuilder chunk = new StringBuilder();
            lines.forEach(l -> chunk.append(l.text()).append('\n'));
            return csv ? chunk.toString() : chunk.substring(0, chunk.length() - 1);
        });
        if (!csv) {
            // the server frames NDJSON itself, writing a line break after each item: a page's last line gets its own
            return body;
        }
        List<String> header = new ArrayList<>(RowReader.COLUMNS);
        header.remove("email");
        header.remove("phone");
        header.addAll(EXTRA);
        INCLUDES.stream().filter(include::contains).forEach(header::add);
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(String.join(",", header) + "\n"), body);
    }

    record Line(long seq, String text) {
    }

    private static Line line(Row row, boolean csv, boolean addresses, boolean consents) {
        Map<String, Object> values = new LinkedHashMap<>();
        COLUMN_OF.forEach((name, column) -> {
            if (!name.equals("email") && !name.equals("phone")) {
                Object value = row.getValue(column);
                values.put(name, value instanceof OffsetDateTime t ? t.toInstant().toString() : value);
            }
        });
        OffsetDateTime lastSeen = row.getOffsetDateTime("last_seen_at");
        values.put("lastSeenAt", lastSeen == null ? null : lastSeen.toInstant().toString());
        values.put("lifecycleStage", row.getString("stage"));
        values.put("rfmGroup", row.getString("rfm_group"));
        values.put("attributes", row.getValue("attributes"));
        if (addresses) {
            values.put("addresses", row.getValue("addresses"));
        }
        if (consents) {
            values.put("consents", row.getValue("consents"));
        }
        if (csv) {
            // JSON values (attributes, addresses, consents) print as their JSON text
            List<String> cells = new ArrayList<>();
            values.values().forEach(v -> cells.add(Csv.quote(v == null ? null : v.toString())));
            return new Line(row.getLong("seq"), String.join(",", cells));
        }
        return new Line(row.getLong("seq"), new JsonObject(values).encode());
    }
}
