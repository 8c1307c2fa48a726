-- Members report members (not only posts); such a report queues a review item for the member.
alter table report alter column post_id drop not null;
alter table report add column member_id text;
alter table report add constraint report_target check (num_nonnulls(post_id, member_id) = 1);
create unique index report_member_once on report (member_id, reporter_id) where member_id is not null;

alter table review_item alter column post_id drop not null;
alter table review_item add column member_id text;
alter table review_item add constraint review_item_target check (num_nonnulls(post_id, member_id) = 1);
create unique index review_item_open_member on review_item (member_id) where status = 'OPEN' and member_id is not null;
