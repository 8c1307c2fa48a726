-- Hot topics at ingest speed (issue 5, "Performance"). See community-service/README.md, "Hot topics".

-- Topic and user keys are identifiers, not prose: byte-wise comparison ("C") makes every B-tree step and sort of
-- the ingest a memcmp instead of a locale lookup, and lets sorts use abbreviated keys. All topic columns change
-- together so no comparison mixes two collations.
alter table topic_actor alter column topic type text collate "C", alter column actor type text collate "C";
alter table topic_minute alter column topic type text collate "C";
alter table topic_hour alter column topic type text collate "C";
alter table topic_alias alter column alias type text collate "C", alter column canonical type text collate "C";
alter table topic_guidance alter column topic type text collate "C";
alter table topic_rising alter column topic type text collate "C";
alter table topic_baseline alter column topic type text collate "C";
alter table trend_entry alter column topic type text collate "C";

-- A minute counter is updated many times while its minute is current; free space on its page lets those updates
-- stay heap-only (no new index entries, since no indexed column changes).
alter table topic_minute set (fillfactor = 70);

-- The topics whose distinct users changed, one row per ingest statement, drained by the next rising recompute,
-- which then re-scores only those. Unlogged: after a crash it is empty, and the full re-score (every slow-every)
-- covers what it held.
create unlogged table topic_touch (
    topics text[] not null
);

-- The rising order without recomputing the decay: peak · 0.5^((now − peak_at) / half-life) orders like
-- log2(peak) + epoch(peak_at) / half-life, which does not depend on now. Filled by the recompute (it knows the
-- configured half-life); rows from before this migration get theirs at the next full re-score.
alter table topic_rising add column rank double precision;
create index topic_rising_rank on topic_rising (rank desc);

-- The ingest with typed arrays (no text parsing per value). Same steps as record_topic_signals (V5), plus the
-- touched topics for the incremental recompute.
create function take_topic_signals(p_event_ids uuid[], p_topics text[], p_actors text[], p_weights double precision[],
                                   p_ats timestamptz[], p_received_at timestamptz, p_bucket_seconds integer)
    returns table (events bigint, fresh_events bigint, signals bigint)
    language sql
as $$
with incoming as (
    select distinct on (s.event_id, coalesce(a.canonical, s.topic))
           s.event_id, coalesce(a.canonical, s.topic) collate "C" as topic, s.actor collate "C" as actor, s.weight,
           to_timestamp(floor(extract(epoch from s.at) / p_bucket_seconds) * p_bucket_seconds) as bucket
    from unnest(p_event_ids, p_topics, p_actors, p_weights, p_ats) as s(event_id, topic, actor, weight, at)
    left join topic_alias a on a.alias = s.topic
), fresh as (
    insert into topic_event (id, received_at)
    select distinct event_id, p_received_at from incoming order by 1
    on conflict (id) do nothing
    returning id
), accepted as (
    select i.* from incoming i join fresh f on f.id = i.event_id
), latest as (
    select distinct on (topic, actor) topic, actor, bucket
    from accepted where actor is not null
    order by topic, actor, bucket desc
), moved as (
    insert into topic_actor as t (topic, actor, last_bucket)
    select topic, actor, bucket from latest order by topic, actor
    on conflict (topic, actor) do update
        set last_bucket = excluded.last_bucket, previous_bucket = t.last_bucket
        where t.last_bucket < excluded.last_bucket
    returning t.topic, t.last_bucket, t.previous_bucket
), deltas as (
    select topic, last_bucket as bucket, 1 as users, 1 as last_users, 0 as mentions, 0::double precision as engagement
    from moved
    union all
    select topic, previous_bucket, 0, -1, 0, 0 from moved where previous_bucket is not null
    union all
    select topic, bucket, 0, 0, count(*)::integer, coalesce(sum(weight) filter (where actor is null), 0)
    from accepted group by topic, bucket
), counted as (
    insert into topic_minute as m (topic, bucket, users, last_users, mentions, engagement)
    select topic, bucket, sum(users), sum(last_users), sum(mentions), sum(engagement)
    from deltas group by topic, bucket order by topic, bucket
    on conflict (topic, bucket) do update
        set users = m.users + excluded.users, last_users = m.last_users + excluded.last_users,
            mentions = m.mentions + excluded.mentions, engagement = m.engagement + excluded.engagement
    returning 1
), touched as (
    insert into topic_touch (topics)
    select array_agg(distinct topic) from moved having count(*) > 0
    returning 1
)
select (select count(distinct event_id) from incoming), (select count(*) from fresh), (select count(*) from accepted)
$$;

-- The text-array entry point (community writes through Hibernate, the event intake) goes the same way.
create or replace function record_topic_signals(p_event_ids text[], p_topics text[], p_actors text[], p_weights text[],
                                                p_ats text[], p_received_at timestamptz, p_bucket_seconds integer)
    returns table (events bigint, fresh_events bigint, signals bigint)
    language sql
as $$
select * from take_topic_signals(p_event_ids::uuid[], p_topics, p_actors, p_weights::double precision[],
                                 p_ats::timestamptz[], p_received_at, p_bucket_seconds)
$$;
