-- A dispatcher's claim is now the row locks of its own transaction (FOR UPDATE SKIP LOCKED), held while
-- the batch is sent and released by the commit that writes the outcomes. The lease is that transaction:
-- the server ends it after push.delivery.lease without a statement, and at once when the worker's
-- connection drops. A claim no longer writes a row version and an entry in every index of delivery, which
-- was about half of what sending cost PostgreSQL; the SENDING status and the lease columns go.

-- rows a worker of the previous version held are due again (they go out with the same idempotency keys)
update delivery set status = 'PENDING' where status = 'SENDING';

alter table delivery drop constraint delivery_status_check,
                     add constraint delivery_status_check check (status in ('PENDING', 'SENT', 'FAILED', 'DROPPED', 'CANCELLED')),
                     drop column lease_owner,
                     drop column lease_until;

drop index delivery_due_idx;
create index delivery_due_idx on delivery (due_at) where status = 'PENDING';
