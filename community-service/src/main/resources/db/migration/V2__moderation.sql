create table lexicon_entry (
    id             uuid primary key,
    kind           text        not null check (kind in ('WORD', 'REGEX', 'ALLOW')),
    pattern        text        not null,
    normalised_key text        not null,
    category       text        not null,
    action         text        check (action in ('BLOCK', 'REVIEW', 'MASK', 'FLAG')),
    severity       int         not null default 5,
    note           text,
    created_by     text        not null,
    created_at     timestamptz not null,
    unique (kind, normalised_key)
);
create index lexicon_entry_page on lexicon_entry (created_at, id);

-- One row; every lexicon change bumps it in the same transaction, replicas poll it.
create table lexicon_version (
    version    bigint      not null,
    changed_at timestamptz not null
);
insert into lexicon_version values (0, now());

create table moderation_log (
    id           uuid primary key,
    actor        text        not null,
    action       text        not null,
    subject_type text        not null,
    subject_id   text        not null,
    reason       text,
    created_at   timestamptz not null
);
create index moderation_log_recent on moderation_log (created_at desc, id desc);
create index moderation_log_subject on moderation_log (subject_id);
