package io.yunying.community.signal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.yunying.community.emerging.EmergingService;
import io.yunying.community.emerging.Phrases;
import io.yunying.community.trend.TrendConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Takes in batches of events from other services, once per event id, and turns the new ones into topic
 * signals in the same statement:
 * <ul>
 *   <li>{@code content.published}: one signal per tag of the piece, weight 1, acted by its author;</li>
 *   <li>{@code content.tag-engagement}: one signal per tag with weight views/10 + likes + 2·comments +
 *   3·shares (the same weights as content-service's feed ranking), aggregated, so without an actor.</li>
 * </ul>
 * Other event types are kept (so a redelivery stays a no-op) without signals. The signals feed the hot-topic
 * counters in the same statement ({@code record_topic_signals}, see the {@code trend} package). The title (and
 * summary, when an event carries one) of a {@code content.published} piece also feeds emerging-phrase discovery,
 * as its author's phrases, like a community post's text; only for events new to this service.
 */
@ApplicationScoped
public class SignalService {

    private static final String INGEST = """
            with incoming as (
                select distinct on (e.id) e.id, e.type, e.source, e.occurred_at, e.data
                from jsonb_to_recordset(($1::text)::jsonb) as e(id uuid, type text, source text, occurred_at timestamptz, data jsonb)
            ), fresh as (
                insert into inbound_event (id, type, source, occurred_at, received_at, data)
                select id, type, source, occurred_at, $2, data from incoming
                on conflict (id) do nothing
                returning id, type, occurred_at, data
            ), signals as (
                insert into topic_signal (topic, kind, actor, weight, at, event_id)
                select lower(btrim(tag)), 'published', f.data ->> 'author', 1, f.occurred_at, f.id
                from fresh f, jsonb_array_elements_text(coalesce(f.data -> 'tags', '[]'::jsonb)) as tag
                where f.type = 'content.published' and btrim(tag) <> ''
                union all
                select lower(btrim(t ->> 'tag')), 'engagement', null,
                       coalesce((t ->> 'views')::double precision, 0) / 10 + coalesce((t ->> 'likes')::double precision, 0)
                       + 2 * coalesce((t ->> 'comments')::double precision, 0) + 3 * coalesce((t ->> 'shares')::double precision, 0),
                       f.occurred_at, f.id
                from fresh f, jsonb_array_elements(coalesce(f.data -> 'tags', '[]'::jsonb)) as t
                where f.type = 'content.tag-engagement' and coalesce(btrim(t ->> 'tag'), '') <> ''
                returning event_id, topic, actor, weight, at
            ), phrases as (
                insert into phrase_mention (phrase, bucket, author)
                select p.phrase, p.bucket, p.author
                from unnest($4::uuid[], $5::text[], $6::timestamptz[], $7::text[]) as p(event_id, phrase, bucket, author)
                join fresh f on f.id = p.event_id
                on conflict do nothing
                returning 1
            ), recorded as (
                select r.signals from record_topic_signals(
                    coalesce((select array_agg(event_id::text) from signals), '{}'), coalesce((select array_agg(topic) from signals), '{}'),
                    coalesce((select array_agg(actor) from signals), '{}'), coalesce((select array_agg(weight::text) from signals), '{}'),
                    coalesce((select array_agg(at::text) from signals), '{}'), $2, $3) r
            )
            select (select count(*) from incoming) as received, (select count(*) from fresh) as accepted,
                   (select count(*) from signals) as signals, (select signals from recorded) as recorded""";

    private final Pool pool;
    private final EmergingService emerging;
    private final ObjectMapper json;
    private final Clock clock;
    private final int bucketSeconds;

    public SignalService(Pool pool, EmergingService emerging, ObjectMapper json, Clock clock, TrendConfig trends) {
        this.pool = pool;
        this.emerging = emerging;
        this.json = json;
        this.clock = clock;
        this.bucketSeconds = (int) trends.bucket().toSeconds();
    }

    public record Intake(long received, long accepted, long duplicates, long signals) {
    }

    /** The phrases of the published pieces' titles and summaries, one entry per event and phrase, as parallel arrays. */
    private record PhraseMentions(UUID[] eventIds, String[] phrases, OffsetDateTime[] buckets, String[] authors) {
        static PhraseMentions of(List<InboundEvent> events, EmergingService emerging) {
            List<UUID> ids = new ArrayList<>();
            List<String> phrases = new ArrayList<>();
            List<OffsetDateTime> buckets = new ArrayList<>();
            List<String> authors = new ArrayList<>();
            for (InboundEvent e : events) {
                String author = e.data().path("author").asText("");
                if (!"content.published".equals(e.type()) || author.isBlank()) {
                    continue;
                }
                String text = e.data().path("title").asText("") + "\n" + e.data().path("summary").asText("");
                OffsetDateTime bucket = emerging.bucketOf(e.occurredAt()).atOffset(ZoneOffset.UTC);
                for (String phrase : Phrases.of(text)) {
                    ids.add(e.id());
                    phrases.add(phrase);
                    buckets.add(bucket);
                    authors.add(author);
                }
            }
            return new PhraseMentions(ids.toArray(UUID[]::new), phrases.toArray(String[]::new),
                    buckets.toArray(OffsetDateTime[]::new), authors.toArray(String[]::new));
        }
    }

    public Uni<Intake> ingest(List<InboundEvent> events) {
        String batch;
        try {
            batch = json.writeValueAsString(events.stream().map(e -> json.createObjectNode()
                    .put("id", e.id().toString()).put("type", e.type()).put("source", e.source())
                    .put("occurred_at", e.occurredAt().toString()).set("data", e.data())).toList());
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        PhraseMentions phrases = PhraseMentions.of(events, emerging);
        return pool.withTransaction(connection -> connection.preparedQuery(INGEST)
                        .execute(Tuple.from(new Object[]{batch, clock.instant().atOffset(ZoneOffset.UTC), bucketSeconds,
                                phrases.eventIds(), phrases.phrases(), phrases.buckets(), phrases.authors()})))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    long received = row.getLong("received");
                    long accepted = row.getLong("accepted");
                    return new Intake(received, accepted, received - accepted, row.getLong("signals"));
                });
    }
}
