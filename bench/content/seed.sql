insert into category (slug, name, requires_review, created_at, updated_at) values ('tech', '科技', false, now(), now())
on conflict do nothing;
insert into content_item (id, slug, type, source, state, title, summary, author, locale, created_at, updated_at, body, cover_url,
                          category, tags, revision, live_revision, published_at)
select md5('bench' || g)::uuid, 'bench-' || g, 'ARTICLE', 'PGC', 'PUBLISHED', '基准测试文章 ' || g || '：城市漫步与周末去处',
       '一段用于基准测试的摘要，长度与真实卡片相近，第 ' || g || ' 篇', 'editor-' || (g % 50), 'zh-CN',
       now() - interval '30 days', now(), '<p>正文 ' || g || '</p>', 'https://cdn.example.com/covers/' || g || '.jpg',
       'tech', array['tag' || (g % 100), 'city'], 1, 1, now() - make_interval(mins => g % 20000)
from generate_series(1, __ITEMS__) g;
insert into published_content (id, revision, type, source, title, summary, body, cover_url, media_urls, author, category, tags,
                               locale, published_at, score, search_text)
select id, 1, type, source, title, summary, body, cover_url, media_urls, author, category, tags, locale, published_at, 0,
       lower(title || ' ' || summary)
from content_item where slug like 'bench-%';
insert into content_stats (item_id, views, likes, comments, shares, read_seconds)
select id, (random() * 5000)::int, (random() * 300)::int, (random() * 50)::int, (random() * 30)::int, 0
from content_item where slug like 'bench-%';
update published_content p set score =
    (1 + s.views / 10.0 + s.likes + 2 * s.comments + 3 * s.shares)
    / power(extract(epoch from (now() - p.published_at)) / 3600.0 + 2, 1.8)
from content_stats s where s.item_id = p.id;
insert into feed (key, title, created_at, updated_at) values ('home', '首页推荐', now(), now()) on conflict do nothing;
insert into pinned_slot (feed_key, position, item_id)
select 'home', g, md5('bench' || (g * (__ITEMS__ / 20 - 1)))::uuid from generate_series(1, 20) g;
analyze;
select count(*) from published_content;
