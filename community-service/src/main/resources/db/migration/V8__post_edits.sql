-- Members edit and delete their own posts and comments; a deleted one stays as a tombstone in its thread.
alter table post drop constraint post_status_check;
alter table post add constraint post_status_check check (status in ('PUBLISHED', 'HELD', 'HIDDEN', 'REMOVED', 'DELETED'));
alter table post add column edited_at timestamptz;
alter table post add column deleted_at timestamptz;
