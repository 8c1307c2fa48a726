create table board (
    id          uuid primary key,
    slug        text        not null unique,
    name        text        not null,
    description text,
    created_at  timestamptz not null,
    version     bigint      not null default 0
);
