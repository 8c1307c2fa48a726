-- The outbox is delivered to several subscribers, each at its own pace: an event is done (delivered_at) once every
-- configured subscriber has it; until then delivered_to names those that accepted it.
alter table outbox_event add column delivered_to text[] not null default '{}';
-- everything delivered so far went to community-service, the only subscriber until now
update outbox_event set delivered_to = '{community}' where delivered_at is not null;

-- one row per subscriber: its own backoff, so a subscriber that is down neither holds back nor re-sends to the others
create table outbox_subscriber (
    name              text primary key,
    attempts          int         not null default 0,
    next_attempt_at   timestamptz,
    last_error        text,
    last_delivered_at timestamptz,
    delivered         bigint      not null default 0
);
