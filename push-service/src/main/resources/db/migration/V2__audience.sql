-- Contacts grow into full profiles. An erased contact keeps its row (without any personal data) so
-- that events, retention cohorts and DAU stay countable after a deletion request.
alter table contact alter column external_id drop not null;
alter table contact alter column platform drop not null;
alter table contact alter column id set default gen_random_uuid();
alter table contact
    add column seq                   bigint generated always as identity,
    add column acquisition_channel   text,
    add column gender                text,
    add column age_band              text,
    add column app_version           text,
    add column device_model          text,
    add column membership_tier       text,
    add column membership_expires_at timestamptz,
    add column attributes            jsonb       not null default '{}',
    add column signed_up_at          timestamptz,
    add column last_seen_at          timestamptz,
    add column dnd_start             time,
    add column dnd_end               time,
    -- 128 random bits twice: gen_random_uuid draws from pg_strong_random, so the token is unguessable
    add column unsubscribe_token     text        not null default replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', ''),
    add column updated_at            timestamptz,
    add column erased_at             timestamptz;
update contact set signed_up_at = created_at, updated_at = created_at;
alter table contact alter column signed_up_at set not null;
alter table contact alter column updated_at set not null;
create unique index contact_seq_idx on contact (seq);
create unique index contact_unsubscribe_token_idx on contact (unsubscribe_token);
create index contact_signed_up_idx on contact (signed_up_at);
create index contact_region_idx on contact (region);

-- Where a contact can be reached. Push tokens are per device; email, SMS and in-app have device ''.
create table contact_address (
    contact_id uuid        not null references contact (id) on delete cascade,
    channel    text        not null,
    device_id  text        not null default '',
    address    text        not null,
    updated_at timestamptz not null,
    primary key (contact_id, channel, device_id)
);

-- Current consent per channel and topic; topic '*' is the whole channel.
create table consent (
    contact_id uuid        not null references contact (id) on delete cascade,
    channel    text        not null,
    topic      text        not null,
    status     text        not null check (status in ('SUBSCRIBED', 'UNSUBSCRIBED')),
    source     text        not null,
    changed_at timestamptz not null,
    primary key (contact_id, channel, topic)
);

-- Every consent change, kept as proof of what the contact agreed to and when.
create table consent_log (
    id         bigint generated always as identity primary key,
    contact_id uuid        not null references contact (id) on delete cascade,
    channel    text        not null,
    topic      text        not null,
    status     text        not null,
    source     text        not null,
    changed_at timestamptz not null
);
create index consent_log_contact_idx on consent_log (contact_id, changed_at);

-- Opt-in: a channel-wide unsubscribe wins; otherwise the most specific explicit choice decides.
create function consent_granted(p_contact uuid, p_channel text, p_topic text) returns boolean
    language sql stable as
$$
select coalesce((select status from consent where contact_id = p_contact and channel = p_channel and topic = '*'), 'NONE') <> 'UNSUBSCRIBED'
   and coalesce((select status from consent where contact_id = p_contact and channel = p_channel and topic = p_topic),
                (select status from consent where contact_id = p_contact and channel = p_channel and topic = '*'),
                'NONE') = 'SUBSCRIBED'
$$;

-- Behaviour events; the sender's event id makes redelivery harmless.
create table event (
    event_id    text          primary key,
    contact_id  uuid          not null references contact (id),
    type        text          not null,
    occurred_at timestamptz   not null,
    received_at timestamptz   not null,
    amount      numeric(14, 2),
    properties  jsonb         not null default '{}'
);
create index event_contact_type_time_idx on event (contact_id, type, occurred_at);
create index event_type_time_idx on event (type, occurred_at) include (contact_id);
create index event_time_idx on event (occurred_at) include (contact_id);

create table segment (
    id           uuid primary key,
    key          text        not null unique,
    name         text        not null,
    description  text,
    rule         jsonb       not null,
    materialised boolean     not null,
    member_count bigint,
    refreshed_at timestamptz,
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    version      bigint      not null default 0
);

create table segment_member (
    segment_id uuid not null references segment (id) on delete cascade,
    contact_id uuid not null references contact (id) on delete cascade,
    primary key (segment_id, contact_id)
);
create index segment_member_contact_idx on segment_member (contact_id);

create table contact_rfm (
    contact_id    uuid primary key references contact (id) on delete cascade,
    last_purchase timestamptz    not null,
    frequency     integer        not null,
    monetary      numeric(16, 2) not null,
    r             smallint       not null,
    f             smallint       not null,
    m             smallint       not null,
    rfm_group     text           not null,
    computed_at   timestamptz    not null
);

create table contact_lifecycle (
    contact_id     uuid primary key references contact (id) on delete cascade,
    stage          text        not null,
    previous_stage text,
    since          timestamptz not null
);
create index contact_lifecycle_stage_idx on contact_lifecycle (stage);

create table stage_change (
    id         bigint generated always as identity primary key,
    contact_id uuid        not null references contact (id) on delete cascade,
    from_stage text,
    to_stage   text        not null,
    changed_at timestamptz not null
);
create index stage_change_contact_idx on stage_change (contact_id, id);

-- Transactional outbox: written with the change it announces, relayed later by the campaigns feature.
create table outbox (
    id           uuid primary key,
    type         text        not null,
    occurred_at  timestamptz not null,
    source       text        not null,
    data         jsonb       not null,
    published_at timestamptz
);
create index outbox_unpublished_idx on outbox (occurred_at) where published_at is null;

create table import_job (
    id            uuid primary key,
    format        text        not null,
    header        text[],
    rows_received bigint      not null default 0,
    rows_upserted bigint      not null default 0,
    rows_rejected bigint      not null default 0,
    created_by    text        not null,
    created_at    timestamptz not null,
    updated_at    timestamptz not null
);

create table import_error (
    import_id uuid   not null references import_job (id) on delete cascade,
    row_no    bigint not null,
    field     text   not null,
    message   text   not null,
    primary key (import_id, row_no, field)
);
