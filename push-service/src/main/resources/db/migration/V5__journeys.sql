-- Journeys: triggered flows of sends, waits and branches, entered once per contact and occurrence.

-- Trigger sources are read by durable cursors in commit order. A sequence alone is not enough: a
-- transaction may take a lower number and commit after a higher one was already read. Each row
-- therefore records the id of the transaction that wrote it; a reader consumes only rows written by
-- transactions older than every transaction still running (pg_snapshot_xmin of its snapshot), in
-- (transaction, sequence) order, so a row can neither be skipped nor read twice.
-- Columns are added without a default first so that existing rows are not rewritten; they stay null
-- and are never trigger candidates (they happened before any journey could listen).
alter table event add column ingest_tx xid8, add column seq bigint;
create sequence event_seq;
alter table event alter column ingest_tx set default pg_current_xact_id(),
                  alter column seq set default nextval('event_seq');
create index event_ingest_idx on event (ingest_tx, seq) where ingest_tx is not null;

alter table stage_change add column tx xid8;
alter table stage_change alter column tx set default pg_current_xact_id();
create index stage_change_tx_idx on stage_change (tx, id) where tx is not null;

-- Events other services relay from their outboxes (content.published ...), each once by its id.
create table inbound_event (
    id          uuid primary key,
    type        text        not null,
    source      text        not null,
    occurred_at timestamptz not null,
    received_at timestamptz not null,
    data        jsonb       not null,
    tx          xid8        not null default pg_current_xact_id(),
    seq         bigint generated always as identity
);
create index inbound_event_tx_idx on inbound_event (tx, seq);

create table journey (
    id                uuid primary key,
    key               text        not null unique,
    name              text        not null,
    description       text,
    status            text        not null check (status in ('DRAFT', 'ACTIVE', 'PAUSED', 'ARCHIVED')),
    -- {"type": "event" | "stage_changed" | "membership_expiring" | "content_published", ...}
    trigger           jsonb       not null,
    audience_segment  text,
    -- null: a contact enters once per occurrence; N: again after N days, each trigger its own occurrence
    re_entry_days     integer,
    goal_event        text,
    goal_window_hours integer     not null,
    -- [{"event": "purchase"}, {"stage": ["active"]}]
    exits             jsonb       not null,
    -- [{"id": uuid, "key": ..., "type": "send" | "wait" | "condition", ...}], forward-only
    steps             jsonb       not null,
    activated_at      timestamptz,
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    version           bigint      not null default 0
);

-- Where a journey's trigger reader stands in its source: rows up to (tx, seq) have been read.
create table journey_cursor (
    journey_id uuid primary key references journey (id) on delete cascade,
    tx         xid8        not null,
    seq        bigint      not null,
    updated_at timestamptz not null
);

-- One contact's pass through a journey. The unique key is the at-most-once-per-occurrence rule.
create table journey_entry (
    id          bigint generated always as identity primary key,
    journey_id  uuid        not null references journey (id) on delete cascade,
    contact_id  uuid        not null references contact (id) on delete cascade,
    occurrence  text        not null,
    state       text        not null check (state in ('ACTIVE', 'COMPLETED', 'EXITED')),
    -- key of the step the entry is at, processed when due_at has passed; null once finished
    step        text,
    due_at      timestamptz,
    -- what triggered the entry (event id and properties, stage change, expiry bucket, content)
    context     jsonb       not null default '{}',
    entered_at  timestamptz not null,
    finished_at timestamptz,
    exit_reason text,
    unique (journey_id, contact_id, occurrence)
);
create index journey_entry_due_idx on journey_entry (journey_id, step, due_at) where state = 'ACTIVE';
create index journey_entry_contact_idx on journey_entry (journey_id, contact_id, entered_at);

-- Every step an entry reached (steps only lead forward, so once each), and where a branch sent it.
create table journey_entry_step (
    entry_id bigint      not null references journey_entry (id) on delete cascade,
    step     text        not null,
    at       timestamptz not null,
    outcome  text,
    primary key (entry_id, step)
);
