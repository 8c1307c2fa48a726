-- Trigram indexes make substring search work for Chinese (no tokenizer needed) and English alike.
create extension if not exists pg_trgm;

create table category (
    slug            text primary key,
    name            text        not null,
    -- PGC in such a category goes through the human review queue before it may be published
    requires_review boolean     not null default false,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    version         bigint      not null default 0
);

alter table content_item
    add column body             text        not null default '',
    add column cover_url        text,
    add column media_urls       text[]      not null default '{}',
    add column category         text references category (slug),
    add column tags             text[]      not null default '{}',
    -- number of the latest saved revision (the working copy) and of the one apps see
    add column revision         int         not null default 0,
    add column live_revision    int,
    add column publish_at       timestamptz,
    add column unpublish_at     timestamptz,
    add column published_at     timestamptz,
    add column reason           text,
    add column priority         int         not null default 0,
    add column submitted_at     timestamptz,
    add column claimed_by       text,
    add column claim_expires_at timestamptz,
    add column moderation       text,
    add column idempotency_key  text;

alter table content_item add constraint content_item_state_check check (state in
    ('DRAFT', 'SUBMITTED', 'IN_REVIEW', 'APPROVED', 'REJECTED', 'SCHEDULED', 'PUBLISHED', 'UNPUBLISHED', 'ARCHIVED', 'TAKEN_DOWN'));

create unique index content_item_idempotency on content_item (author, idempotency_key) where idempotency_key is not null;
create index content_item_due_publish on content_item (publish_at) where state = 'SCHEDULED';
create index content_item_due_unpublish on content_item (unpublish_at) where state = 'PUBLISHED' and unpublish_at is not null;
create index content_item_queue on content_item (priority desc, submitted_at, id) where state in ('SUBMITTED', 'IN_REVIEW');
create index content_item_ugc_by_author on content_item (author, created_at) where source = 'UGC';
create index content_item_listing on content_item (updated_at desc, id desc);

create table content_revision (
    item_id    uuid        not null references content_item (id) on delete cascade,
    number     int         not null,
    title      text        not null,
    summary    text,
    body       text        not null,
    cover_url  text,
    media_urls text[]      not null,
    category   text,
    tags       text[]      not null,
    saved_by   text        not null,
    saved_at   timestamptz not null,
    changed    text[]      not null,
    primary key (item_id, number)
);

-- every state change, by whom and why: the review audit log
create table item_transition (
    id         bigint generated always as identity primary key,
    item_id    uuid        not null references content_item (id) on delete cascade,
    actor      text        not null,
    action     text        not null,
    from_state text,
    to_state   text        not null,
    reason     text,
    at         timestamptz not null
);
create index item_transition_by_item on item_transition (item_id, id);

-- the copy apps read: written when an item (or its approved changes) goes live, deleted when it leaves
create table published_content (
    id           uuid primary key references content_item (id) on delete cascade,
    revision     int              not null,
    type         text             not null,
    source       text             not null,
    title        text             not null,
    summary      text,
    body         text             not null,
    cover_url    text,
    media_urls   text[]           not null,
    author       text             not null,
    category     text,
    tags         text[]           not null,
    locale       text             not null,
    published_at timestamptz      not null,
    score        double precision not null default 0,
    search_text  text             not null
);
create index published_rank on published_content (score desc, published_at desc, id desc);
create index published_category_rank on published_content (category, score desc, published_at desc, id desc);
create index published_recent on published_content (published_at desc, id desc);
create index published_tags on published_content using gin (tags);
create index published_search on published_content using gin (search_text gin_trgm_ops);

create table content_stats (
    item_id      uuid primary key references content_item (id) on delete cascade,
    views        bigint not null default 0,
    likes        bigint not null default 0,
    comments     bigint not null default 0,
    shares       bigint not null default 0,
    read_seconds bigint not null default 0
);

create table engagement_seen (
    event_id    uuid primary key,
    received_at timestamptz not null
);
create index engagement_seen_age on engagement_seen (received_at);

create table outbox_event (
    id           uuid primary key,
    type         text        not null,
    occurred_at  timestamptz not null,
    source       text        not null,
    data         jsonb       not null,
    delivered_at timestamptz,
    attempts     int         not null default 0
);
create index outbox_pending on outbox_event (occurred_at) where delivered_at is null;

create table collection (
    id          uuid primary key,
    slug        text        not null unique,
    title       text        not null,
    cover_url   text,
    description text,
    state       text        not null check (state in ('DRAFT', 'PUBLISHED')),
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    version     bigint      not null default 0
);

create table collection_item (
    collection_id uuid not null references collection (id) on delete cascade,
    item_id       uuid not null references content_item (id) on delete cascade,
    position      int  not null,
    primary key (collection_id, item_id)
);
create index collection_item_by_item on collection_item (item_id);

create table feed (
    key        text primary key,
    title      text        not null,
    category   text references category (slug),
    tag        text,
    type       text,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    version    bigint      not null default 0
);

create table pinned_slot (
    feed_key  text        not null references feed (key) on delete cascade,
    position  int         not null check (position >= 1),
    item_id   uuid        not null references content_item (id) on delete cascade,
    starts_at timestamptz,
    ends_at   timestamptz,
    primary key (feed_key, position)
);
