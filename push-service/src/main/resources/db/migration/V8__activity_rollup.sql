-- Activity per contact and UTC calendar day: how many events, the first and the last. Event ingest
-- keeps it in the statement that stores the events (only rows really inserted count, so a repeated
-- event id adds nothing); the purge of raw events leaves it alone, and an erased contact's rows stay
-- as anonymous as the tombstone they point to.
--
-- Any zone's local days can be read off it: a UTC day holds at most one local midnight (today's
-- offsets in the tz database are 0 or at least one hour either way, so a local day never fits
-- strictly inside a UTC day), so a contact was active on the local day of first_at and on that of
-- last_at, and on no other.
create table contact_day (
    contact_id uuid        not null references contact (id),
    day        date        not null,
    events     integer     not null,
    first_at   timestamptz not null,
    last_at    timestamptz not null,
    primary key (contact_id, day)
);
create index contact_day_day_idx on contact_day (day) include (contact_id, first_at, last_at);

insert into contact_day (contact_id, day, events, first_at, last_at)
select contact_id, (occurred_at at time zone 'UTC')::date, count(*), min(occurred_at), max(occurred_at)
  from event
 group by 1, 2;

-- The last RFM recompute. contact_rfm rows are only rewritten when their values change, so the time
-- of the run is kept here.
create table rfm_run (
    id          boolean primary key default true check (id),
    computed_at timestamptz not null,
    scored      bigint      not null
);
insert into rfm_run (computed_at, scored) select max(computed_at), count(*) from contact_rfm having count(*) > 0;

-- Few contacts are erased; RFM leaves their purchases out through this small index.
create index contact_erased_idx on contact (id) where erased_at is not null;
