-- Events other services deliver through their outbox relays, kept by id so a redelivery changes nothing.
create table inbound_event (
    id          uuid primary key,
    type        text        not null,
    source      text        not null,
    occurred_at timestamptz not null,
    received_at timestamptz not null,
    data        jsonb       not null
);
create index inbound_event_received on inbound_event (received_at);

-- Topic signals: one row per topic mention or engagement, with the acting user where known, so topic
-- scores can count distinct users rather than raw volume.
create table topic_signal (
    id        bigint generated always as identity primary key,
    topic     text             not null,
    kind      text             not null,
    actor     text,
    weight    double precision not null,
    at        timestamptz      not null,
    event_id  uuid             not null
);
create index topic_signal_topic_at on topic_signal (topic, at);
create index topic_signal_at on topic_signal (at);
