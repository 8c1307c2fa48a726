-- Fan-out and dispatch speed. A run writes one delivery row per contact; every index and foreign key
-- on delivery is paid once per row at fan-out and again at each of the two updates while sending.

-- The foreign keys cost a lookup and a row lock on contact and template per inserted row (about 40 % of
-- a fan-out). Rows are only ever written from the contact and template tables in the same statement;
-- contacts are erased (erased_at), never deleted, and templates are never deleted. The dispatcher drops
-- a delivery whose contact is gone or erased.
alter table delivery drop constraint delivery_contact_id_fkey,
                     drop constraint delivery_template_id_fkey;

-- Every query by source names source_kind too, so the unique key (source_kind, source_id, occurrence, ...)
-- serves it; frequency caps count by the channel actually used (delivery_contact_sent_channel_idx).
drop index delivery_source_idx;
drop index delivery_contact_sent_idx;

-- A transactional campaign (order and account notices) is exempt from frequency caps and quiet hours.
alter table campaign add column transactional boolean not null default false;
