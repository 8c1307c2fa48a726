create table contact (
    id          uuid primary key,
    external_id text        not null unique,
    platform    text        not null,
    locale      text        not null,
    time_zone   text        not null,
    region      text,
    created_at  timestamptz not null,
    version     bigint      not null default 0
);
