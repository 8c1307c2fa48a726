-- Lifecycle lines edited at runtime. One row at most: without it the configured push.lifecycle.* lines
-- apply. Every replica reads it at each recompute, so an edit takes effect without a restart.
create table lifecycle_lines (
    id                       smallint primary key default 1 check (id = 1),
    new_for_days             integer          not null,
    silent_after_days        integer          not null,
    at_risk_after_days       integer          not null,
    churned_after_days       integer          not null,
    resurrected_for_days     integer          not null,
    drop_ratio               double precision not null,
    drop_min_weekly_baseline integer          not null,
    version                  bigint           not null,
    updated_by               text             not null,
    updated_at               timestamptz      not null,
    check (silent_after_days < at_risk_after_days and at_risk_after_days < churned_after_days)
);

-- Who changed the lines, when, from what to what.
create table lifecycle_lines_change (
    id         bigint generated always as identity primary key,
    version    bigint      not null,
    changed_by text        not null,
    changed_at timestamptz not null,
    old_lines  jsonb       not null,
    new_lines  jsonb       not null
);

-- Idempotency-Key on writes a mobile client or a scheduler may retry: the first answer per caller and key,
-- replayed while the key lives. status is null while the first request is still running. subject is the
-- external id of the contact the write concerns, so erasing the contact also forgets the stored answers.
create table idempotency_record (
    caller      text        not null,
    key         text        not null,
    fingerprint text        not null,
    subject     text,
    status      int,
    body        text,
    location    text,
    etag        text,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    primary key (caller, key)
);
create index idempotency_record_expiry_idx on idempotency_record (expires_at);
create index idempotency_record_subject_idx on idempotency_record (subject) where subject is not null;
