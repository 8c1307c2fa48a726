-- What the moderation check remembers of the texts it checked for a named author: a SimHash per text (never
-- the text), for the near-duplicate and burst heuristics. A piece the caller names (context.contentId) keeps
-- one row however often it is checked again.
create table moderation_fingerprint (
    id           bigint generated always as identity primary key,
    author_id    text        not null,
    subject      text,
    simhash      bigint      not null,
    content_type text,
    context      jsonb,
    decision     text        not null,
    checked_at   timestamptz not null
);
create unique index moderation_fingerprint_subject on moderation_fingerprint (author_id, subject) where subject is not null;
create index moderation_fingerprint_recent on moderation_fingerprint (author_id, checked_at desc);
