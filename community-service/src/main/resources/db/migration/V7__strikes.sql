-- Strikes: one per upheld removal or moderator sanction. Live strikes (not revoked, not expired) pick the next
-- graduated sanction and lower trust; they decay at expires_at.
create table strike (
    id             uuid primary key,
    user_id        text        not null,
    reason         text        not null,
    review_item_id uuid references review_item (id),
    sanction_id    uuid references sanction (id),
    created_at     timestamptz not null,
    expires_at     timestamptz not null,
    revoked_at     timestamptz,
    revoked_by     text
);
create index strike_user_live on strike (user_id, expires_at) where revoked_at is null;
create index strike_review on strike (review_item_id) where review_item_id is not null;
create index strike_sanction on strike (sanction_id) where sanction_id is not null;

-- Sanctions issued before strikes had their own table each counted one: carry them over with the default decay.
insert into strike (id, user_id, reason, review_item_id, sanction_id, created_at, expires_at)
select gen_random_uuid(), user_id, reason, review_item_id, id, starts_at, starts_at + interval '90 days'
from sanction where revoked_at is null;
