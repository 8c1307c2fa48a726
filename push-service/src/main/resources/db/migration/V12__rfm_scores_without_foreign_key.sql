-- RFM scores are derived rows that every recompute rebuilds from purchase events, and contacts are never deleted
-- (erasure anonymises the row in place; the recompute drops erased contacts' scores). The foreign key guarded
-- nothing those rules do not, and its per-row check was half the time of a recompute that writes every buyer
-- (811,408 rows: 46.6 s with it against 21.1 s for the same statement without).
alter table contact_rfm drop constraint contact_rfm_contact_id_fkey;
