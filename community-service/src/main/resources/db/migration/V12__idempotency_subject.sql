-- Idempotency-Key records are kept by the platform's one implementation, shared with push-service, so the table
-- takes push-service's shape: subject is the external id of the person a stored answer is about (null here, where
-- no write names one), so that erasing that person also forgets the answers; the owner column stays user_id.
alter table idempotency_record add column subject text;
create index idempotency_record_subject_idx on idempotency_record (subject) where subject is not null;
alter index idempotency_record_expiry rename to idempotency_record_expiry_idx;
