-- Idempotency-Key records are kept by the platform's one implementation, shared with community-service, so the
-- table takes one shape in both services: the key's owner column is user_id there and here. In push-service it holds
-- the caller's scope (app-user:<id> or account:<name>), as before.
alter table idempotency_record rename column caller to user_id;
