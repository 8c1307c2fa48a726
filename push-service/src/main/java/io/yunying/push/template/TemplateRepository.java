package io.yunying.push.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.yunying.push.contact.Channel;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.yunying.push.support.Times.instant;
import static io.yunying.push.support.Times.odt;

@ApplicationScoped
public class TemplateRepository {

    private static final TypeReference<LinkedHashMap<String, TemplateContent>> CONTENT = new TypeReference<>() {
    };

    private final Pool pool;
    private final ObjectMapper json;

    public TemplateRepository(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    public Uni<TemplateView> insert(TemplateRequest r, Instant now) {
        return pool.preparedQuery("""
                        insert into template (key, name, channel, topic, content, default_locale, content_id, created_at, updated_at)
                        values ($1, $2, $3, $4, $5::text::jsonb, $6, $7, $8, $8) returning *""")
                .execute(Tuple.from(new Object[]{r.key(), r.name(), r.channel().name(), topic(r), write(r.content()),
                        r.defaultLocale(), r.contentId(), odt(now)}))
                .map(this::first);
    }

    public Uni<Integer> update(String key, Long expectedVersion, TemplateRequest r, Instant now) {
        return pool.preparedQuery("""
                        update template set name = $3, channel = $4, topic = $5, content = $6::text::jsonb, default_locale = $7,
                               content_id = $8, updated_at = $9, version = version + 1
                         where key = $1 and ($2::bigint is null or version = $2)""")
                .execute(Tuple.from(new Object[]{key, expectedVersion, r.name(), r.channel().name(), topic(r), write(r.content()),
                        r.defaultLocale(), r.contentId(), odt(now)}))
                .map(RowSet::rowCount);
    }

    public Uni<TemplateView> find(String key) {
        return pool.preparedQuery("select * from template where key = $1").execute(Tuple.of(key)).map(this::first);
    }

    public Uni<List<TemplateView>> byKeys(List<String> keys) {
        return pool.preparedQuery("select * from template where key = any($1)").execute(Tuple.of(keys.toArray(String[]::new))).map(this::all);
    }

    public Uni<List<TemplateView>> byIds(List<UUID> ids) {
        return byIds(pool, ids);
    }

    /** The same, through the given connection (a dispatcher's batch reads everything on the connection it holds). */
    public Uni<List<TemplateView>> byIds(SqlClient client, List<UUID> ids) {
        return client.preparedQuery("select * from template where id = any($1)").execute(Tuple.of(ids.toArray(UUID[]::new))).map(this::all);
    }

    public Uni<List<TemplateView>> page(String afterKey, int limit) {
        return pool.preparedQuery("select * from template where key > $1 order by key limit $2")
                .execute(Tuple.of(afterKey, limit)).map(this::all);
    }

    private static String topic(TemplateRequest r) {
        return r.topic() == null ? "*" : r.topic();
    }

    private String write(Map<String, TemplateContent> content) {
        try {
            return json.writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TemplateView first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? view(it.next()) : null;
    }

    private List<TemplateView> all(RowSet<Row> rows) {
        List<TemplateView> list = new ArrayList<>();
        rows.forEach(row -> list.add(view(row)));
        return list;
    }

    private TemplateView view(Row row) {
        Map<String, TemplateContent> content;
        try {
            content = json.readValue(row.getValue("content").toString(), CONTENT);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return new TemplateView(row.getUUID("id"), row.getString("key"), row.getString("name"), Channel.valueOf(row.getString("channel")),
                row.getString("topic"), row.getString("default_locale"), row.getString("content_id"), content,
                instant(row.getOffsetDateTime("created_at")), instant(row.getOffsetDateTime("updated_at")), row.getLong("version"));
    }
}
