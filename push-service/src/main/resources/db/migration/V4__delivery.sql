-- Messages: templates, the delivery ledger and what happened to each delivery.
-- Campaigns and journeys both write into the same ledger; one dispatcher sends whatever is due.

create table template (
    id         uuid primary key default gen_random_uuid(),
    key        text        not null unique,
    name       text        not null,
    channel    text        not null check (channel in ('PUSH', 'EMAIL', 'SMS', 'IN_APP')),
    -- consent topic the message belongs to ('*' = the whole channel)
    topic      text        not null default '*',
    -- {"zh-CN": {"title": ..., "body": ..., "subject": ..., "html": ..., "deepLink": ...}, "en": {...}}
    content    jsonb       not null,
    default_locale text    not null,
    -- a content-service item shown as a card ({card.title}, {card.summary}, {card.url}...), when set
    content_id text,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    version    bigint      not null default 0
);

-- A campaign: one message to an audience. Occurrences are its runs (once, or each cron fire).
create table campaign (
    id                uuid primary key default gen_random_uuid(),
    key               text        not null unique,
    name              text        not null,
    status            text        not null,
    -- conversion: the goal event a contact performs within the window after the message (or after the
    -- run, for holdout contacts)
    goal_event        text,
    goal_window_hours integer     not null default 72,
    description       text,
    -- audience: members of any of these segments (keys), minus members of any exclusion
    segments          text[]      not null default '{}',
    exclusions        text[]      not null default '{}',
    -- first channel is tried first, the others in order when it cannot reach the contact
    channels          text[]      not null default '{}',
    -- [{"key": "A", "percent": 50, "templates": {"PUSH": "template-key", ...}}, ...]
    variants          jsonb       not null default '[]',
    holdout_percent   numeric(5, 2) not null default 0,
    -- NOW, AT (send_at), LOCAL_TIME (local_date + local_time in each contact's zone), CRON (cron in cron_zone)
    schedule_kind     text        not null default 'NOW',
    send_at           timestamptz,
    local_date        date,
    local_time        time,
    cron              text,
    cron_zone         text,
    -- the next run to fan out, and the state a paused campaign returns to
    next_run_at       timestamptz,
    paused_from       text,
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    version           bigint      not null default 0
);

-- One row per message owed to one contact on one channel. The unique key is the exactly-once
-- guarantee: fan-out inserts with ON CONFLICT DO NOTHING, so a rerun, an overlapping cron run or a
-- resumed campaign cannot owe the same message twice.
--   source_kind/source_id: the campaign, or the journey step, that owes the message
--   occurrence:            which run of it (a campaign's scheduled instant, a journey entry id, 'test-…')
create table delivery (
    id                  bigint generated always as identity primary key,
    source_kind         text        not null check (source_kind in ('CAMPAIGN', 'JOURNEY', 'TEST')),
    source_id           uuid        not null,
    occurrence          text        not null,
    contact_id          uuid        not null references contact (id) on delete cascade,
    channel             text        not null,
    -- channels still to try, in order, when this one cannot reach the contact
    fallback            text[]      not null default '{}',
    variant             text,
    template_id         uuid        not null references template (id),
    status              text        not null check (status in
                          ('PENDING', 'SENDING', 'SENT', 'FAILED', 'DROPPED', 'CANCELLED')),
    -- why a delivery is held, dropped or failed (quiet_hours, frequency_cap, no_consent, no_address,
    -- invalid_token, bounced, provider error text...)
    reason              text,
    due_at              timestamptz not null,
    attempts            integer     not null default 0,
    lease_owner         text,
    lease_until         timestamptz,
    provider_message_id text,
    sent_at             timestamptz,
    created_at          timestamptz not null,
    -- templates for the fallback channels, position by position (absent: the main template on that channel)
    fallback_templates  uuid[]      not null default '{}',
    -- the channel the message actually went out on (channel, or one of fallback)
    sent_channel        text,
    -- a paused campaign's deliveries wait without losing their due time
    paused              boolean     not null default false,
    -- retries exhausted: listed in the dead-letter view until requeued
    dead_letter         boolean     not null default false,
    unique (source_kind, source_id, occurrence, contact_id, channel)
);
create index delivery_due_idx on delivery (due_at) where status in ('PENDING', 'SENDING');
create index delivery_source_idx on delivery (source_id, occurrence);
create index delivery_contact_sent_idx on delivery (contact_id, channel, sent_at) where status = 'SENT';
-- frequency caps count what went out per channel actually used
create index delivery_contact_sent_channel_idx on delivery (contact_id, sent_channel, sent_at) where status = 'SENT';
create index delivery_dead_letter_idx on delivery (id) where dead_letter;

-- Contacts held out of a campaign run on purpose, to measure uplift against.
create table delivery_holdout (
    source_id  uuid        not null,
    occurrence text        not null,
    contact_id uuid        not null references contact (id) on delete cascade,
    created_at timestamptz not null,
    primary key (source_id, occurrence, contact_id)
);

-- What happened to a delivery after it was sent, first time only (unique counts by construction).
create table delivery_event (
    delivery_id bigint      not null references delivery (id) on delete cascade,
    type        text        not null check (type in ('DELIVERED', 'OPENED', 'CLICKED', 'BOUNCED', 'COMPLAINED')),
    at          timestamptz not null,
    detail      jsonb       not null default '{}',
    primary key (delivery_id, type)
);

-- Addresses a provider refused for good (unregistered token, bounced mailbox, invalid number):
-- never used again, even when registered again.
create table suppression (
    channel    text        not null,
    address    text        not null,
    reason     text        not null,
    created_at timestamptz not null,
    primary key (channel, address)
);

-- The in-app inbox (站内信): one message per delivery, read by the app user.
create table inbox_message (
    id          bigint generated always as identity primary key,
    delivery_id bigint      not null unique references delivery (id) on delete cascade,
    contact_id  uuid        not null references contact (id) on delete cascade,
    title       text,
    body        text        not null,
    deep_link   text,
    created_at  timestamptz not null,
    read_at     timestamptz
);
create index inbox_message_contact_idx on inbox_message (contact_id, id);

-- Per-channel send budget shared by all replicas: one row per channel and second.
create table send_budget (
    channel text   not null,
    second  bigint not null,
    used    integer not null,
    primary key (channel, second)
);
