package io.yunying.push.importing;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import static io.yunying.push.support.Times.instant;
import static io.yunying.push.support.Times.odt;

@ApplicationScoped
public class ImportRepository {

    /** The rows of a part as parallel arrays, unnested once per statement. */
    private static final String INPUT = """
            input as (
                select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                                     $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[],
                                     $18::text[], $19::text[]) with ordinality
                          as t(external_id, platform, locale, time_zone, region, acquisition_channel, gender, age_band, app_version,
                               device_model, membership_tier, membership_expires_at, signed_up_at, attributes, email, phone,
                               addresses, consents, line))""";

    /**
     * Upserts a part's rows in set-wise statements: existing contacts get the non-empty fields
     * (custom attributes merge), new ones are inserted with the platform defaults in the order of the file (so
     * an export, in registration order, reads back in the same order), then addresses and consents are set.
     * Returns the number of contacts written.
     */
    private static final String UPSERT = "with " + INPUT + """
            ,
            updated as (
                update contact c set
                       platform = coalesce(i.platform, c.platform), locale = coalesce(i.locale, c.locale),
                       time_zone = coalesce(i.time_zone, c.time_zone), region = coalesce(i.region, c.region),
                       acquisition_channel = coalesce(i.acquisition_channel, c.acquisition_channel),
                       gender = coalesce(i.gender, c.gender), age_band = coalesce(i.age_band, c.age_band),
                       app_version = coalesce(i.app_version, c.app_version), device_model = coalesce(i.device_model, c.device_model),
                       membership_tier = coalesce(i.membership_tier, c.membership_tier),
                       membership_expires_at = coalesce(i.membership_expires_at::timestamptz, c.membership_expires_at),
                       signed_up_at = coalesce(i.signed_up_at::timestamptz, c.signed_up_at),
                       attributes = c.attributes || coalesce(i.attributes::jsonb, '{}'),
                       updated_at = $17, version = c.version + 1
                  from input i
                 where c.external_id = i.external_id
                returning c.id),
            inserted as (
                insert into contact (external_id, platform, locale, time_zone, region, acquisition_channel, gender, age_band,
                                     app_version, device_model, membership_tier, membership_expires_at, attributes,
                                     signed_up_at, created_at, updated_at)
                select i.external_id, i.platform, coalesce(i.locale, 'zh-CN'), coalesce(i.time_zone, 'Asia/Shanghai'), i.region,
                       i.acquisition_channel, i.gender, i.age_band, i.app_version, i.device_model, i.membership_tier,
                       i.membership_expires_at::timestamptz, coalesce(i.attributes::jsonb, '{}'),
                       coalesce(i.signed_up_at::timestamptz, $17), $17, $17
                  from input i
                 where not exists (select 1 from contact c where c.external_id = i.external_id)
                 order by i.line
                on conflict (external_id) do nothing
                returning id)
            select (select count(*) from updated) + (select count(*) from inserted) as written""";

    /**
     * Sets the email and phone columns' addresses and those listed in an addresses array; the array wins when
     * both name the same address, since one statement may not write a row twice.
     */
    private static final String ADDRESSES = "with " + INPUT + """
            , reachable as (
                select c.id, 'EMAIL' as channel, '' as device_id, i.email as address, 0 as listed
                  from input i join contact c on c.external_id = i.external_id where i.email is not null
                union all
                select c.id, 'SMS', '', i.phone, 0 from input i join contact c on c.external_id = i.external_id where i.phone is not null
                union all
                select c.id, a.channel, a."deviceId", a.address, 1
                  from input i join contact c on c.external_id = i.external_id
                 cross join jsonb_to_recordset(i.addresses::jsonb) as a(channel text, "deviceId" text, address text)
                 where i.addresses is not null)
            insert into contact_address (contact_id, channel, device_id, address, updated_at)
            select distinct on (id, channel, device_id) id, channel, device_id, address, $17 from reachable
             order by id, channel, device_id, listed desc
            on conflict (contact_id, channel, device_id) do update set address = excluded.address, updated_at = excluded.updated_at""";

    /**
     * Records the consents of a part's rows, with their proof in the log, as the consent API does: a choice
     * equal to the current one writes nothing. A choice older than the current one is skipped, so an old file
     * never undoes a newer unsubscribe. Without changedAt a choice is dated now; without source it is "import".
     */
    private static final String CONSENTS = "with " + INPUT + """
            , given as (
                select c.id as contact_id, k.channel, k.topic, k.status, coalesce(k.source, 'import') as source,
                       coalesce(k."changedAt"::timestamptz, $17) as changed_at
                  from input i join contact c on c.external_id = i.external_id
                 cross join jsonb_to_recordset(i.consents::jsonb) as k(channel text, topic text, status text, source text, "changedAt" text)
                 where i.consents is not null),
            changed as (
                insert into consent as held (contact_id, channel, topic, status, source, changed_at)
                select * from given
                on conflict (contact_id, channel, topic) do update set status = excluded.status, source = excluded.source,
                       changed_at = excluded.changed_at
                 where held.status <> excluded.status and held.changed_at <= excluded.changed_at
                returning contact_id, channel, topic, status, source, changed_at)
            insert into consent_log (contact_id, channel, topic, status, source, changed_at)
            select contact_id, channel, topic, status, source, changed_at from changed""";

    private final Pool pool;

    public ImportRepository(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    public Uni<ImportJob> create(String format, String createdBy, Instant now) {
        return pool.preparedQuery("""
                        insert into import_job (id, format, created_by, created_at, updated_at) values ($1, $2, $3, $4, $4) returning *""")
                .execute(Tuple.of(UUID.randomUUID(), format, createdBy, odt(now)))
                .map(ImportRepository::first);
    }

    public Uni<ImportJob> find(UUID id) {
        return pool.preparedQuery("select * from import_job where id = $1").execute(Tuple.of(id)).map(ImportRepository::first);
    }

    /** Serialises the parts of one import: the part holds the job row until it commits. */
    public Uni<ImportJob> lock(SqlClient tx, UUID id) {
        return tx.preparedQuery("select * from import_job where id = $1 for update").execute(Tuple.of(id)).map(ImportRepository::first);
    }

    public Uni<Long> upsert(SqlClient tx, List<ImportRow> rows, Instant now) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(0L);
        }
        Tuple params = columns(rows, now);
        boolean consents = rows.stream().anyMatch(r -> r.consents() != null);
        return tx.preparedQuery(UPSERT).execute(params).map(r -> r.iterator().next().getLong("written"))
                .flatMap(written -> tx.preparedQuery(ADDRESSES).execute(params).replaceWith(written))
                .call(written -> consents ? tx.preparedQuery(CONSENTS).execute(params) : Uni.createFrom().voidItem());
    }

    public Uni<Void> errors(SqlClient tx, UUID job, List<PartResult.RowError> errors) {
        if (errors.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Long[] rows = errors.stream().map(PartResult.RowError::row).toArray(Long[]::new);
        String[] fields = errors.stream().map(PartResult.RowError::field).toArray(String[]::new);
        String[] messages = errors.stream().map(PartResult.RowError::message).toArray(String[]::new);
        return tx.preparedQuery("""
                        insert into import_error (import_id, row_no, field, message)
                        select $1, * from unnest($2::int8[], $3::text[], $4::text[]) on conflict do nothing""")
                .execute(Tuple.of(job, rows, fields, messages)).replaceWithVoid();
    }

    public Uni<ImportJob> advance(SqlClient tx, UUID job, String[] header, long rows, long upserted, long rejected, Instant now) {
        return tx.preparedQuery("""
                        update import_job set parts = parts + 1, header = coalesce(header, $2), rows_received = rows_received + $3,
                               rows_upserted = rows_upserted + $4, rows_rejected = rows_rejected + $5, updated_at = $6
                         where id = $1 returning *""")
                .execute(Tuple.from(new Object[]{job, header, rows, upserted, rejected, odt(now)}))
                .map(ImportRepository::first);
    }

    public Uni<List<PartResult.RowError>> errorPage(UUID job, long afterRow, int limit) {
        return pool.preparedQuery("select row_no, field, message from import_error where import_id = $1 and row_no > $2 order by row_no, field limit $3")
                .execute(Tuple.of(job, afterRow, limit))
                .map(rows -> {
                    List<PartResult.RowError> list = new ArrayList<>();
                    rows.forEach(row -> list.add(new PartResult.RowError(row.getLong("row_no"), row.getString("field"), row.getString("message"))));
                    return list;
                });
    }

    /**
     * A page of live contacts in registration order, for export; with their addresses and consents as JSON
     * arrays when asked (each read through its primary key, so a page costs the same wherever it starts).
     */
    public <T> Uni<List<T>> exportPage(long afterSeq, int limit, boolean addresses, boolean consents, Function<Row, T> mapper) {
        return pool.preparedQuery("select c.*, l.stage, r.rfm_group"
                        + (addresses ? EXPORT_ADDRESSES : "") + (consents ? EXPORT_CONSENTS : "") + "\n" + """
                         from contact c
                          left join contact_lifecycle l on l.contact_id = c.id
                          left join contact_rfm r on r.contact_id = c.id
                         where c.seq > $1 and c.erased_at is null order by c.seq limit $2""")
                .execute(Tuple.of(afterSeq, limit))
                .map(rows -> {
                    List<T> list = new ArrayList<>();
                    rows.forEach(row -> list.add(mapper.apply(row)));
                    return list;
                });
    }

    // json, not jsonb: the members keep the order written here
    private static final String EXPORT_ADDRESSES = """
            , (select coalesce(json_agg(json_strip_nulls(json_build_object('channel', a.channel, 'deviceId', nullif(a.device_id, ''),
                                                                             'address', a.address))
                                        order by a.channel, a.device_id), '[]')
                 from contact_address a where a.contact_id = c.id) as addresses
            """;

    private static final String EXPORT_CONSENTS = """
            , (select coalesce(json_agg(json_build_object('channel', k.channel, 'topic', k.topic, 'status', k.status, 'source', k.source,
                                                          'changedAt', to_char(k.changed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
                                        order by k.channel, k.topic), '[]')
                 from consent k where k.contact_id = c.id) as consents
            """;

    private static Tuple columns(List<ImportRow> rows, Instant now) {
        int n = rows.size();
        String[][] c = new String[18][n];
        for (int k = 0; k < n; k++) {
            ImportRow r = rows.get(k);
            String[] values = {r.externalId(), r.platform(), r.locale(), r.timeZone(), r.region(), r.acquisitionChannel(),
                    r.gender(), r.ageBand(), r.appVersion(), r.deviceModel(), r.membershipTier(), r.membershipExpiresAt(),
                    r.signedUpAt(), r.attributes(), r.email(), r.phone(), r.addresses(), r.consents()};
            for (int f = 0; f < 18; f++) {
                c[f][k] = values[f];
            }
        }
        // $1..$16 the profile columns, $17 the time, $18 and $19 the addresses and consents
        Object[] params = new Object[19];
        System.arraycopy(c, 0, params, 0, 16);
        params[16] = odt(now);
        params[17] = c[16];
        params[18] = c[17];
        return Tuple.from(params);
    }

    private static ImportJob first(RowSet<Row> rows) {
        var it = rows.iterator();
        if (!it.hasNext()) {
            return null;
        }
        Row row = it.next();
        return new ImportJob(row.getUUID("id"), row.getString("format"), row.getInteger("parts"), row.getLong("rows_received"),
                row.getLong("rows_upserted"), row.getLong("rows_rejected"), row.getString("created_by"),
                instant(row.getOffsetDateTime("created_at")), instant(row.getOffsetDateTime("updated_at")));
    }
}
