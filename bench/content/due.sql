insert into content_item (id, slug, type, source, state, title, summary, author, locale, created_at, updated_at, body,
                          category, tags, revision, publish_at)
select md5('due' || g)::uuid, 'due-' || g, 'ARTICLE', 'PGC', 'SCHEDULED', '定时发布 ' || g, '摘要', 'editor-1', 'zh-CN',
       now(), now(), '<p>定时</p>', 'tech', array['scheduled'], 1, now() - interval '1 second'
from generate_series(1, 10000) g;
select count(*) from content_item where state = 'SCHEDULED';
