-- a consumer that is down is retried with exponential backoff instead of on every relay tick
alter table outbox_event add column next_attempt_at timestamptz;
drop index outbox_pending;
create index outbox_pending on outbox_event (occurred_at, id) where delivered_at is null;
