-- a feed may show one 专题 collection's items, ranked like any other feed
alter table feed add column collection text references collection (slug) on delete set null;
