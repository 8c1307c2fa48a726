create table content_item (
    id          uuid primary key,
    slug        text        not null unique,
    type        text        not null check (type in ('ARTICLE', 'POST', 'VIDEO', 'AUDIO', 'GALLERY', 'LINK')),
    source      text        not null check (source in ('PGC', 'UGC')),
    state       text        not null,
    title       text        not null,
    summary     text,
    author      text        not null,
    locale      text        not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    version     bigint      not null default 0
);
