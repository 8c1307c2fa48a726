package io.yunying.push.consent;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.yunying.push.contact.Channel;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.yunying.push.support.Times.instant;
import static io.yunying.push.support.Times.odt;

@ApplicationScoped
public class ConsentRepository {

    private final Pool pool;

    public ConsentRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Records a change of choice and its proof in one statement. Repeating the current choice
     * writes nothing: consent keeps the time it was first given, and the log holds changes only.
     */
    public Uni<ConsentView> set(UUID contact, Channel channel, String topic, ConsentStatus status, String source, Instant now) {
        return pool.preparedQuery("""
                        with current as (
                            insert into consent (contact_id, channel, topic, status, source, changed_at) values ($1, $2, $3, $4, $5, $6)
                            on conflict (contact_id, channel, topic)
                            do update set status = excluded.status, source = excluded.source, changed_at = excluded.changed_at
                                    where consent.status <> excluded.status
                            returning channel, topic, status, source, changed_at),
                        log as (
                            insert into consent_log (contact_id, channel, topic, status, source, changed_at)
                            select $1, channel, topic, status, source, changed_at from current)
                        select * from current
                        union all
                        select channel, topic, status, source, changed_at from consent
                         where contact_id = $1 and channel = $2 and topic = $3 and not exists (select 1 from current)""")
                .execute(Tuple.of(contact, channel.name(), topic, status.name(), source, odt(now)))
                .map(rows -> view(rows.iterator().next()));
    }

    public Uni<List<ConsentView>> list(UUID contact) {
        return pool.preparedQuery("select channel, topic, status, source, changed_at from consent where contact_id = $1 order by channel, topic")
                .execute(Tuple.of(contact))
                .map(rows -> {
                    List<ConsentView> list = new ArrayList<>();
                    rows.forEach(row -> list.add(view(row)));
                    return list;
                });
    }

    public Uni<Boolean> granted(UUID contact, Channel channel, String topic) {
        return pool.preparedQuery("select consent_granted($1, $2, $3) as granted")
                .execute(Tuple.of(contact, channel.name(), topic))
                .map(rows -> rows.iterator().next().getBoolean("granted"));
    }

    public Uni<String> tokenOf(UUID contact) {
        return pool.preparedQuery("select unsubscribe_token from contact where id = $1").execute(Tuple.of(contact))
                .map(rows -> rows.iterator().next().getString("unsubscribe_token"));
    }

    /** The live contact that owns an unsubscribe token, or null. */
    public Uni<UUID> contactByToken(String token) {
        return pool.preparedQuery("select id from contact where unsubscribe_token = $1 and erased_at is null")
                .execute(Tuple.of(token))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getUUID("id") : null);
    }

    private static ConsentView view(Row row) {
        return new ConsentView(Channel.valueOf(row.getString("channel")), row.getString("topic"),
                ConsentStatus.valueOf(row.getString("status")), row.getString("source"), instant(row.getOffsetDateTime("changed_at")));
    }
}
