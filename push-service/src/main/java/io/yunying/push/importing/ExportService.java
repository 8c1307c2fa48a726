package io.yunying.push.importing;

import io.smallrye.mutiny.Multi;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class ExportService {

    private static final int PAGE = 1000;
    private static final List<String> EXTRA = List.of("lastSeenAt", "lifecycleStage", "rfmGroup", "attributes");
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

    /** Keyset pages, one query per page, each page written before the next is read. */
    public Multi<String> export(boolean csv) {
        Multi<List<Line>> pages = Multi.createBy().repeating()
                .uni(() -> new long[]{0}, after -> repository.exportPage(after[0], PAGE, row -> line(row, csv))
                        .invoke(lines -> {
                            if (!lines.isEmpty()) {
                                after[0] = lines.get(lines.size() - 1).seq();
                            }
                        }))
                .until(List::isEmpty);
        Multi<String> body = pages.onItem().transform(lines -> {
            StringBuilder chunk = new StringBuilder();
            lines.forEach(l -> chunk.append(l.text()).append('\n'));
            return chunk.toString();
        });
        if (!csv) {
            return body;
        }
        List<String> header = new ArrayList<>(RowReader.COLUMNS);
        header.remove("email");
        header.remove("phone");
        header.addAll(EXTRA);
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(String.join(",", header) + "\n"), body);
    }

    record Line(long seq, String text) {
    }

    private static Line line(Row row, boolean csv) {
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
        Object attributes = row.getValue("attributes");
        if (csv) {
            values.put("attributes", attributes == null ? null : attributes.toString());
            List<String> cells = new ArrayList<>();
            values.values().forEach(v -> cells.add(Csv.quote(v == null ? null : v.toString())));
            return new Line(row.getLong("seq"), String.join(",", cells));
        }
        values.put("attributes", attributes);
        return new Line(row.getLong("seq"), new JsonObject(values).encode());
    }
}
