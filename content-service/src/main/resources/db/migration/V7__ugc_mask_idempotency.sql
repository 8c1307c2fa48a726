-- The moderation check's MASK hits are applied to the stored text; the author's own words are kept for moderators.
alter table content_item add column masked_original jsonb;
-- What a submission with an Idempotency-Key looked like, so a retry with the same key but another body is refused.
alter table content_item add column idempotency_hash text;
