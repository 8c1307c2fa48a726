-- Membership-expiry journeys look up contacts whose membership ends within their widest bucket on
-- every engine run; without this they would read every contact.
create index contact_membership_expires_idx on contact (membership_expires_at) where erased_at is null;
