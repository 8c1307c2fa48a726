-- A member's standing: what trust level, report weight and posting limits are computed from.
create table member_standing (
    user_id       text primary key,
    first_seen_at timestamptz not null,
    posts         int         not null default 0,
    strikes       int         not null default 0
);

-- Posts and their threaded comments: a comment has thread_id (its post) and maybe parent_id (the comment it answers).
create table post (
    id            uuid primary key,
    board_id      uuid        not null references board (id),
    thread_id     uuid references post (id),
    parent_id     uuid references post (id),
    author_id     text        not null,
    title         text,
    body          text        not null,
    original_body text,
    status        text        not null check (status in ('PUBLISHED', 'HELD', 'HIDDEN', 'REMOVED')),
    like_count    int         not null default 0,
    simhash       bigint      not null,
    created_at    timestamptz not null,
    version       bigint      not null default 0
);
create index post_board_recent on post (board_id, created_at desc, id desc) where thread_id is null;
create index post_thread on post (thread_id, created_at, id) where thread_id is not null;
create index post_author_recent on post (author_id, created_at desc);

create table post_hashtag (
    post_id uuid not null references post (id),
    tag     text not null,
    primary key (post_id, tag)
);
create index post_hashtag_tag on post_hashtag (tag);

create table post_like (
    post_id    uuid        not null references post (id),
    user_id    text        not null,
    created_at timestamptz not null,
    primary key (post_id, user_id)
);

create table report (
    id          uuid primary key,
    post_id     uuid             not null references post (id),
    reporter_id text             not null,
    reason      text             not null,
    note        text,
    weight      double precision not null,
    created_at  timestamptz      not null,
    unique (post_id, reporter_id)
);
create index report_reporter_recent on report (reporter_id, created_at desc);

create table review_item (
    id               uuid primary key,
    post_id          uuid             not null references post (id),
    reason           text             not null check (reason in ('HELD', 'FLAGGED', 'REPORTED')),
    status           text             not null check (status in ('OPEN', 'DECIDED')),
    rule_severity    int              not null default 0,
    report_weight    double precision not null default 0,
    author_strikes   int              not null default 0,
    score            double precision not null,
    rule_ids         text,
    claimed_by       text,
    claim_expires_at timestamptz,
    decision         text check (decision in ('APPROVE', 'REMOVE', 'MASK')),
    decided_by       text,
    decided_at       timestamptz,
    decision_note    text,
    created_at       timestamptz      not null
);
-- At most one open item per post: new reports and flags add to it instead of queuing duplicates.
create unique index review_item_open_post on review_item (post_id) where status = 'OPEN';
create index review_item_queue on review_item (score desc, id) where status = 'OPEN';

create table sanction (
    id             uuid primary key,
    user_id        text        not null,
    type           text        not null check (type in ('WARN', 'MUTE', 'SUSPEND', 'BAN')),
    reason         text        not null,
    review_item_id uuid references review_item (id),
    issued_by      text        not null,
    starts_at      timestamptz not null,
    ends_at        timestamptz,
    revoked_at     timestamptz,
    revoked_by     text,
    revoke_reason  text,
    check (ends_at is null or ends_at > starts_at)
);
create index sanction_user on sanction (user_id, starts_at desc);

create table appeal (
    id              uuid primary key,
    sanction_id     uuid references sanction (id),
    review_item_id  uuid references review_item (id),
    appellant_id    text        not null,
    text            text        not null,
    status          text        not null check (status in ('OPEN', 'UPHELD', 'REVERSED')),
    resolved_by     text,
    resolution_note text,
    created_at      timestamptz not null,
    resolved_at     timestamptz,
    check (num_nonnulls(sanction_id, review_item_id) = 1)
);
-- One appeal per decision.
create unique index appeal_per_sanction on appeal (sanction_id) where sanction_id is not null;
create unique index appeal_per_review on appeal (review_item_id) where review_item_id is not null;
create index appeal_open on appeal (created_at, id) where status = 'OPEN';
