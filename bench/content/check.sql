select count(*) from content_item where slug like 'due-%' and state = 'PUBLISHED';
