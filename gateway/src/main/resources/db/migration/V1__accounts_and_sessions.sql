create table account (
    id              uuid primary key,
    username        text        not null,
    display_name    text,
    password_hash   text        not null,
    roles           text[]      not null,
    enabled         boolean     not null default true,
    failed_sign_ins integer     not null default 0,
    locked_until    timestamptz,
    created_at      timestamptz not null,
    last_sign_in_at timestamptz,
    version         bigint      not null default 0
);
-- usernames are unique regardless of case: "Editor" and "editor" are one person
create unique index account_username_key on account (lower(username));

-- Refresh tokens are stored as SHA-256 hashes; a family is the chain of rotations from one sign-in,
-- so the reuse of a rotated token can revoke every token of that chain.
create table refresh_token (
    id          uuid primary key,
    account_id  uuid        not null references account (id) on delete cascade,
    family_id   uuid        not null,
    token_hash  text        not null unique,
    issued_at   timestamptz not null,
    expires_at  timestamptz not null,
    used_at     timestamptz,
    revoked_at  timestamptz
);
create index refresh_token_family on refresh_token (family_id);
create index refresh_token_account on refresh_token (account_id);
