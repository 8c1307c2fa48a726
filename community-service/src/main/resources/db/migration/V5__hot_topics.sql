-- Hot topics (issue 5): signal aggregates, score snapshots, guidance, emerging phrases.
-- See community-service/README.md, "Hot topics", for the formulas these tables feed.

-- Every signal event taken in, by id, so a redelivered event changes nothing. BRIN on the arrival time keeps
-- the retention delete cheap without a second B-tree on the ingest path.
create table topic_event (
    id          uuid primary key,
    received_at timestamptz not null
);
create index topic_event_received on topic_event using brin (received_at);

-- One row per (topic, user): the bucket of the user's latest signal on the topic, and the one before it.
-- This is what makes counts distinct: a user is counted once, in the bucket of their latest activity.
create table topic_actor (
    topic           text        not null,
    actor           text        not null,
    last_bucket     timestamptz not null,
    previous_bucket timestamptz,
    primary key (topic, actor)
) with (fillfactor = 80);

-- Per topic and minute: users active in the minute (distinct within it), users whose latest activity is in the
-- minute (summed over the buckets of a window ending now = distinct users of the window), raw signals, and the
-- weight of aggregated engagement that carries no user (content-service's tag engagement).
create table topic_minute (
    topic      text             not null,
    bucket     timestamptz      not null,
    users      integer          not null default 0,
    last_users integer          not null default 0,
    mentions   integer          not null default 0,
    engagement double precision not null default 0,
    primary key (topic, bucket)
);
create index topic_minute_bucket on topic_minute (bucket);

-- The same counters rolled up per hour once minutes are older than the rising window needs.
create table topic_hour (
    topic      text             not null,
    bucket     timestamptz      not null,
    users      integer          not null default 0,
    last_users integer          not null default 0,
    mentions   integer          not null default 0,
    engagement double precision not null default 0,
    primary key (topic, bucket)
);
create index topic_hour_bucket on topic_hour (bucket);

-- Synonyms: signals for an alias count for its canonical topic.
create table topic_alias (
    alias     text        primary key,
    canonical text        not null check (canonical <> alias),
    merged_by text        not null,
    merged_at timestamptz not null
);
create index topic_alias_canonical on topic_alias (canonical);

-- Operators' guidance per topic: approval (the review gate), block, pin.
create table topic_guidance (
    topic         text primary key,
    approved      boolean     not null default false,
    blocked       boolean     not null default false,
    pin_position  integer check (pin_position between 1 and 100),
    pinned_until  timestamptz,
    updated_by    text        not null,
    updated_at    timestamptz not null,
    check ((pin_position is null) = (pinned_until is null))
);

-- Rising state: the highest score a topic reached and when; the score shown decays from it with the half-life.
create table topic_rising (
    topic   text             primary key,
    peak    double precision not null,
    peak_at timestamptz      not null
);

-- Expected distinct users per rising window, from each topic's own recent history (refreshed on the slow cadence).
create table topic_baseline (
    topic    text             primary key,
    expected double precision not null
);

-- The computed lists every replica serves from: written whole by the replica holding the recompute lock.
create table trend_list (
    list        text primary key,
    computed_at timestamptz not null
);
create table trend_entry (
    list     text             not null references trend_list (list),
    position integer          not null,
    topic    text             not null,
    score    double precision not null,
    users    bigint           not null,
    expected double precision,
    primary key (list, position)
);

-- Emerging phrases: which authors used a phrase (Chinese 2-4-gram or English word) in which bucket.
create table phrase_mention (
    phrase text        not null,
    bucket timestamptz not null,
    author text        not null,
    primary key (phrase, bucket, author)
);
create index phrase_mention_bucket on phrase_mention (bucket);

-- Takes in a batch of signals set-wise: one row per (event, topic), parallel arrays (text, so the same call
-- works from the reactive client and from a Hibernate native query). Events already taken in are skipped;
-- aliases fold into their canonical topic; each (topic, user) counts once per bucket, and moves its
-- "latest activity" count from its previous bucket to the new one. Rows are locked in key order so concurrent
-- batches do not deadlock each other.
create function record_topic_signals(p_event_ids text[], p_topics text[], p_actors text[], p_weights text[],
                                     p_ats text[], p_received_at timestamptz, p_bucket_seconds integer)
    returns table (events bigint, fresh_events bigint, signals bigint)
    language sql
as $$
with incoming as (
    select distinct on (s.event_id, coalesce(a.canonical, s.topic))
           s.event_id::uuid as event_id, coalesce(a.canonical, s.topic) as topic, s.actor,
           s.weight::double precision as weight,
           to_timestamp(floor(extract(epoch from s.at::timestamptz) / p_bucket_seconds) * p_bucket_seconds) as bucket
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
)
select (select count(distinct event_id) from incoming), (select count(*) from fresh), (select count(*) from accepted)
$$;
