-- Idempotency-Key on community writes a mobile client may retry: the first answer per member and key, replayed
-- while the key lives. status is null while the first request is still running.
create table idempotency_record (
    user_id     text        not null,
    key         text        not null,
    fingerprint text        not null,
    status      int,
    body        text,
    location    text,
    etag        text,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    primary key (user_id, key)
);
create index idempotency_record_expiry on idempotency_record (expires_at);
