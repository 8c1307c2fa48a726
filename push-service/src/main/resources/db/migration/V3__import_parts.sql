-- Parts of an import are numbered, so a retried part is recognised instead of applied twice.
alter table import_job add column parts integer not null default 0;
