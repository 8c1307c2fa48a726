-- Saved changes to a published item are a review task of their own: the item stays PUBLISHED (its live copy keeps
-- serving) while its changes go PENDING → SUBMITTED → IN_REVIEW (claimed with the same lease columns) → live or REJECTED.
alter table content_item
    add column changes        text check (changes in ('PENDING', 'SUBMITTED', 'IN_REVIEW', 'REJECTED')),
    add column changes_reason text;

update content_item set changes = 'PENDING'
where state = 'PUBLISHED' and live_revision is not null and revision > live_revision;

create index content_item_changes_queue on content_item (priority desc, submitted_at, id) where changes in ('SUBMITTED', 'IN_REVIEW');
