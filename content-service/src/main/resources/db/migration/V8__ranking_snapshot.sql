-- Feed paging stays consistent across a ranking run: every run is a numbered generation, and each live item keeps
-- its score of the previous generation too. A cursor names its generation, so a reader who started before a run
-- walks on through the ranking they started in (no duplicates, no gaps), for as long as it is the previous one.
create table ranking_state (
    id          boolean primary key default true check (id),
    generation  bigint      not null,
    computed_at timestamptz
);
insert into ranking_state (id, generation) values (true, 1);

alter table published_content add column prev_score double precision;
create index published_prev_rank on published_content (prev_score desc, published_at desc, id desc);
create index published_category_prev_rank on published_content (category, prev_score desc, published_at desc, id desc);
