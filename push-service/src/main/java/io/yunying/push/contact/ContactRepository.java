package io.yunying.push.contact;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.yunying.platform.idempotency.IdempotentWrites;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.yunying.push.support.Times.instant;
import static io.yunying.push.support.Times.odt;

@ApplicationScoped
public class ContactRepository {

    private static final String VIEW = """
            select c.*, l.stage, r.r, r.f, r.m, r.rfm_group
              from contact c
              left join contact_lifecycle l on l.contact_id = c.id
              left join contact_rfm r on r.contact_id = c.id
            """;

    private final Pool pool;

    public ContactRepository(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    /** Inserts a contact; a taken external id fails with a unique violation. */
    public Uni<ContactView> insert(ContactRequest r, String timeZone, String locale, Instant now) {
        return pool.preparedQuery("""
                        insert into contact (external_id, platform, locale, time_zone, region, acquisition_channel, gender,
                                             age_band, app_version, device_model, membership_tier, membership_expires_at,
                                             attributes, signed_up_at, dnd_start, dnd_end, created_at, updated_at)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, jsonb_strip_nulls(coalesce($13::text::jsonb, '{}')), $14, $15, $16, $17, $17)
                        returning id""")
                .execute(Tuple.from(new Object[]{r.externalId(), name(r.platform()), locale, timeZone, r.region(),
                        r.acquisitionChannel(), name(r.gender()), r.ageBand(), r.appVersion(), r.deviceModel(),
                        r.membershipTier(), odt(r.membershipExpiresAt()), json(r.attributes()),
                        odt(r.signedUpAt() == null ? now : r.signedUpAt()),
                        r.doNotDisturb() == null ? null : r.doNotDisturb().start(),
                        r.doNotDisturb() == null ? null : r.doNotDisturb().end(), odt(now)}))
                .flatMap(rows -> findById(rows.iterator().next().getUUID("id")));
    }

    public Uni<ContactView> findById(UUID id) {
        return pool.preparedQuery(VIEW + " where c.id = $1").execute(Tuple.of(id)).map(ContactRepository::first);
    }

    /** The live (not erased) contact with this external id, or null. */
    public Uni<ContactView> findByExternalId(String externalId) {
        return pool.preparedQuery(VIEW + " where c.external_id = $1 and c.erased_at is null")
                .execute(Tuple.of(externalId)).map(ContactRepository::first);
    }

    public Uni<List<ContactView>> page(long after, int limit) {
        return pool.preparedQuery(VIEW + " where c.seq > $1 and c.erased_at is null order by c.seq limit $2")
                .execute(Tuple.of(after, limit)).map(ContactRepository::all);
    }

    public Uni<Long> seqOf(UUID id) {
        return pool.preparedQuery("select seq from contact where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.iterator().next().getLong("seq"));
    }

    /**
     * Applies the given fields when the version still matches (or no version is expected); null fields
     * keep their value. Returns the number of rows changed.
     */
    public Uni<Integer> update(UUID id, Long expectedVersion, ContactRequest r, String timeZone, Instant now) {
        return pool.preparedQuery("""
                        update contact set
                               platform = coalesce($3, platform), locale = coalesce($4, locale), time_zone = coalesce($5, time_zone),
                               region = coalesce($6, region), acquisition_channel = coalesce($7, acquisition_channel),
                               gender = coalesce($8, gender), age_band = coalesce($9, age_band),
                               app_version = coalesce($10, app_version), device_model = coalesce($11, device_model),
                               membership_tier = coalesce($12, membership_tier),
                               membership_expires_at = coalesce($13, membership_expires_at),
                               attributes = jsonb_strip_nulls(attributes || coalesce($14::text::jsonb, '{}')),
                               signed_up_at = coalesce($15, signed_up_at),
                               dnd_start = case when $16::time is null then dnd_start else $16 end,
                               dnd_end = case when $16::time is null then dnd_end else $17 end,
                               updated_at = $18, version = version + 1
                         where id = $1 and erased_at is null and ($2::bigint is null or version = $2)""")
                .execute(Tuple.from(new Object[]{id, expectedVersion, name(r.platform()), r.locale(), timeZone, r.region(),
                        r.acquisitionChannel(), name(r.gender()), r.ageBand(), r.appVersion(), r.deviceModel(),
                        r.membershipTier(), odt(r.membershipExpiresAt()), json(r.attributes()), odt(r.signedUpAt()),
                        r.doNotDisturb() == null ? null : r.doNotDisturb().start(),
                        r.doNotDisturb() == null ? null : r.doNotDisturb().end(), odt(now)}))
                .map(RowSet::rowCount);
    }

    public Uni<AddressView> upsertAddress(UUID contact, Channel channel, String deviceId, String address, Instant now) {
        return pool.preparedQuery("""
                        with written as (
                            insert into contact_address (contact_id, channel, device_id, address, updated_at) values ($1, $2, $3, $4, $5)
                            on conflict (contact_id, channel, device_id) do update set address = excluded.address, updated_at = excluded.updated_at
                                    where contact_address.address <> excluded.address
                            returning channel, device_id, address, updated_at)
                        select * from written
                        union all
                        select channel, device_id, address, updated_at from contact_address
                         where contact_id = $1 and channel = $2 and device_id = $3 and not exists (select 1 from written)""")
                .execute(Tuple.of(contact, channel.name(), deviceId, address, odt(now)))
                .map(rows -> address(rows.iterator().next()));
    }

    public Uni<List<AddressView>> addresses(UUID contact) {
        return pool.preparedQuery("select channel, device_id, address, updated_at from contact_address where contact_id = $1 order by channel, device_id")
                .execute(Tuple.of(contact))
                .map(rows -> {
                    List<AddressView> list = new ArrayList<>();
                    rows.forEach(row -> list.add(address(row)));
                    return list;
                });
    }

    public Uni<Integer> deleteAddress(UUID contact, Channel channel, String deviceId) {
        return pool.preparedQuery("delete from contact_address where contact_id = $1 and channel = $2 and device_id = $3")
                .execute(Tuple.of(contact, channel.name(), deviceId)).map(RowSet::rowCount);
    }

    /**
     * Erases everything that identifies the person in one transaction. The row itself stays as an
     * anonymous tombstone so the contact's events still count in DAU, retention and funnels.
     */
    public Uni<Integer> erase(UUID contact, String externalId, Instant now) {
        return pool.withTransaction(tx -> tx.preparedQuery("""
                        update contact set external_id = null, platform = null, region = null, acquisition_channel = null,
                               gender = null, age_band = null, app_version = null, device_model = null, membership_tier = null,
                               membership_expires_at = null, attributes = '{}', dnd_start = null, dnd_end = null,
                               unsubscribe_token = replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', ''),
                               erased_at = $2, updated_at = $2, version = version + 1
                         where id = $1 and erased_at is null""")
                .execute(Tuple.of(contact, odt(now)))
                .flatMap(updated -> eraseTraces(tx, contact)
                        // answers kept for Idempotency-Key retries may hold the profile, its tokens or consents
                        .flatMap(x -> IdempotentWrites.forgetSubject(tx, externalId))
                        .replaceWith(updated.rowCount())));
    }

    private static Uni<Void> eraseTraces(SqlClient tx, UUID contact) {
        Tuple id = Tuple.of(contact);
        return tx.preparedQuery("delete from contact_address where contact_id = $1").execute(id)
                .flatMap(x -> tx.preparedQuery("delete from consent where contact_id = $1").execute(id))
                .flatMap(x -> tx.preparedQuery("delete from consent_log where contact_id = $1").execute(id))
                .flatMap(x -> tx.preparedQuery("delete from segment_member where contact_id = $1").execute(id))
                .flatMap(x -> tx.preparedQuery("delete from contact_rfm where contact_id = $1").execute(id))
                .flatMap(x -> tx.preparedQuery("delete from contact_lifecycle where contact_id = $1").execute(id))
                // event properties are free-form and may hold personal data; type, time and amount stay for aggregates
                .flatMap(x -> tx.preparedQuery("update outbox set data = data - 'externalId' where data ->> 'contactId' = $1::uuid::text").execute(id))
                .flatMap(x -> tx.preparedQuery("update event set properties = '{}' where contact_id = $1 and properties <> '{}'").execute(id))
                .replaceWithVoid();
    }

    static String json(Map<String, Object> attributes) {
        return attributes == null ? null : new JsonObject(attributes).encode();
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static ContactView first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? view(it.next()) : null;
    }

    private static List<ContactView> all(RowSet<Row> rows) {
        List<ContactView> list = new ArrayList<>();
        rows.forEach(row -> list.add(view(row)));
        return list;
    }

    private static AddressView address(Row row) {
        return new AddressView(Channel.valueOf(row.getString("channel")), row.getString("device_id"),
                row.getString("address"), instant(row.getOffsetDateTime("updated_at")));
    }

    static ContactView view(Row row) {
        String platform = row.getString("platform");
        String gender = row.getString("gender");
        Object attributes = row.getValue("attributes");
        Map<String, Object> attrs = attributes instanceof JsonObject o ? o.getMap() : Map.of();
        DoNotDisturb dnd = row.getLocalTime("dnd_start") == null ? null
                : new DoNotDisturb(row.getLocalTime("dnd_start"), row.getLocalTime("dnd_end"));
        ContactView.Rfm rfm = row.getValue("r") == null ? null
                : new ContactView.Rfm(row.getShort("r"), row.getShort("f"), row.getShort("m"), row.getString("rfm_group"));
        return new ContactView(row.getUUID("id"), row.getString("external_id"),
                platform == null ? null : Platform.valueOf(platform), row.getString("locale"), row.getString("time_zone"),
                row.getString("region"), row.getString("acquisition_channel"), gender == null ? null : Gender.valueOf(gender),
                row.getString("age_band"), row.getString("app_version"), row.getString("device_model"),
                row.getString("membership_tier"), instant(row.getOffsetDateTime("membership_expires_at")), attrs,
                instant(row.getOffsetDateTime("signed_up_at")), instant(row.getOffsetDateTime("last_seen_at")), dnd,
                row.getString("stage"), rfm, instant(row.getOffsetDateTime("created_at")),
                instant(row.getOffsetDateTime("updated_at")), row.getLong("version"));
    }
}
