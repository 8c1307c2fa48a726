import { createContext, useContext, useState, type ReactNode } from 'react';

export type Lang = 'zh-CN' | 'en';

const en = {
  'app.title': 'Yunying operations console',
  'signin.title': 'Sign in',
  'signin.username': 'Username',
  'signin.password': 'Password',
  'signin.submit': 'Sign in',
  'signin.failed': 'Sign-in failed',
  'signout': 'Sign out',
  'menu.home': 'Overview',
  'menu.workflows': 'Workflows',
  'menu.resources': 'Resources',
  'menu.review': 'Review queue',
  'menu.feeds': 'Feed curation',
  'menu.lexicon': 'Moderation lexicon',
  'menu.moderation': 'Moderation',
  'menu.segments': 'Segments',
  'menu.analytics': 'Analytics',
  'service.content': 'Content',
  'service.community': 'Community',
  'service.push': 'User operations',
  'service.gateway': 'Accounts',
  'common.loading': 'Loading…',
  'common.save': 'Save',
  'common.create': 'Create',
  'common.edit': 'Edit',
  'common.delete': 'Delete',
  'common.cancel': 'Cancel',
  'common.back': 'Back',
  'common.search': 'Search',
  'common.refresh': 'Refresh',
  'common.next': 'Next page',
  'common.first': 'First page',
  'common.empty': 'Nothing here yet.',
  'common.open': 'Open',
  'common.filters': 'Filters',
  'common.sort': 'Sort',
  'common.pathParams': 'Choose',
  'common.go': 'Go',
  'common.saved': 'Saved',
  'common.done': 'Done',
  'common.required': 'Required',
  'common.actions': 'Actions',
  'common.confirmDelete': 'Delete this record?',
  'common.reason': 'Reason',
  'common.error': 'Error',
  'common.noAccess': 'Your roles do not allow this screen.',
  'common.apiMissing': 'The platform does not offer this API yet.',
  'common.limit': 'Per page',
  'home.hello': 'Signed in as {user} ({roles})',
  'home.generated': '{n} resource screens generated from the platform OpenAPI document.',
  'review.claim': 'Claim',
  'review.release': 'Release',
  'review.approve': 'Approve',
  'review.reject': 'Reject',
  'review.bulkApprove': 'Approve selected',
  'review.bulkReject': 'Reject selected',
  'review.diff': 'Changes since the previous revision',
  'review.noDiff': 'First revision: no earlier one to compare with.',
  'review.hits': 'Moderation hits',
  'review.pick': 'Pick an item in the queue.',
  'review.claimedBy': 'Claimed by {who}',
  'feed.key': 'Feed',
  'feed.pins': 'Pinned slots (drag to reorder)',
  'feed.addPin': 'Pin an item',
  'feed.itemId': 'Item id',
  'feed.startsAt': 'From',
  'feed.endsAt': 'Until',
  'feed.savePins': 'Save pins',
  'feed.preview': 'Preview as the app shows it',
  'feed.pinned': 'Pinned',
  'lexicon.add': 'Add a word',
  'lexicon.import': 'Import a word list',
  'lexicon.importHint': 'One word per line; optional: word,category,action',
  'lexicon.test': 'Test a text against the lexicon',
  'lexicon.testHint': 'Type a text; the check runs as you type.',
  'lexicon.verdict': 'Verdict',
  'lexicon.version': 'Lexicon version',
  'lexicon.word': 'Word',
  'lexicon.category': 'Category',
  'lexicon.action': 'Action',
  'lexicon.imported': '{n} words imported',
  'segments.builder': 'Rule',
  'segments.count': 'Matching contacts',
  'segments.preview': 'Live count',
  'analytics.retention': 'Retention cohorts',
  'analytics.funnel': 'Funnel',
  'analytics.rfm': 'RFM distribution',
  'analytics.active': 'Active users',
};

type Key = keyof typeof en;

const zh: Record<Key, string> = {
  'app.title': '云营运营后台',
  'signin.title': '登录',
  'signin.username': '用户名',
  'signin.password': '密码',
  'signin.submit': '登录',
  'signin.failed': '登录失败',
  'signout': '退出登录',
  'menu.home': '概览',
  'menu.workflows': '工作台',
  'menu.resources': '资源',
  'menu.review': '审核队列',
  'menu.feeds': '信息流编排',
  'menu.lexicon': '敏感词库',
  'menu.moderation': '社区治理',
  'menu.segments': '用户分层',
  'menu.analytics': '数据分析',
  'service.content': '内容运营',
  'service.community': '社区运营',
  'service.push': '用户运营',
  'service.gateway': '账号',
  'common.loading': '加载中…',
  'common.save': '保存',
  'common.create': '新建',
  'common.edit': '编辑',
  'common.delete': '删除',
  'common.cancel': '取消',
  'common.back': '返回',
  'common.search': '查询',
  'common.refresh': '刷新',
  'common.next': '下一页',
  'common.first': '第一页',
  'common.empty': '暂无数据。',
  'common.open': '查看',
  'common.filters': '筛选',
  'common.sort': '排序',
  'common.pathParams': '选择',
  'common.go': '前往',
  'common.saved': '已保存',
  'common.done': '完成',
  'common.required': '必填',
  'common.actions': '操作',
  'common.confirmDelete': '确定删除这条记录？',
  'common.reason': '原因',
  'common.error': '出错了',
  'common.noAccess': '你的角色无权使用此页面。',
  'common.apiMissing': '平台尚未提供此接口。',
  'common.limit': '每页',
  'home.hello': '当前用户 {user}（{roles}）',
  'home.generated': '已根据平台 OpenAPI 文档生成 {n} 个资源页面。',
  'review.claim': '领取',
  'review.release': '释放',
  'review.approve': '通过',
  'review.reject': '驳回',
  'review.bulkApprove': '批量通过',
  'review.bulkReject': '批量驳回',
  'review.diff': '与上一版本的差异',
  'review.noDiff': '首个版本，没有可比较的上一版本。',
  'review.hits': '机审命中',
  'review.pick': '请在队列中选择一项。',
  'review.claimedBy': '由 {who} 领取',
  'feed.key': '信息流',
  'feed.pins': '置顶位（拖动排序）',
  'feed.addPin': '置顶一篇内容',
  'feed.itemId': '内容 ID',
  'feed.startsAt': '开始',
  'feed.endsAt': '结束',
  'feed.savePins': '保存置顶',
  'feed.preview': '客户端预览',
  'feed.pinned': '置顶',
  'lexicon.add': '添加敏感词',
  'lexicon.import': '导入词表',
  'lexicon.importHint': '每行一个词；可选格式：词,分类,处置',
  'lexicon.test': '用词库检测一段文字',
  'lexicon.testHint': '输入文字，实时检测。',
  'lexicon.verdict': '结论',
  'lexicon.version': '词库版本',
  'lexicon.word': '词',
  'lexicon.category': '分类',
  'lexicon.action': '处置',
  'lexicon.imported': '已导入 {n} 个词',
  'segments.builder': '规则',
  'segments.count': '命中用户数',
  'segments.preview': '实时计数',
  'analytics.retention': '留存队列',
  'analytics.funnel': '漏斗',
  'analytics.rfm': 'RFM 分布',
  'analytics.active': '活跃用户',
};

const dictionaries: Record<Lang, Record<Key, string>> = { en, 'zh-CN': zh };

function initialLang(): Lang {
  const stored = localStorage.getItem('yunying.lang');
  if (stored === 'en' || stored === 'zh-CN') return stored;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

type T = (key: Key, vars?: Record<string, string | number>) => string;

const I18n = createContext<{ lang: Lang; setLang: (l: Lang) => void; t: T }>({
  lang: 'en',
  setLang: () => undefined,
  t: (k) => k,
});

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = (l: Lang) => {
    localStorage.setItem('yunying.lang', l);
    document.documentElement.lang = l;
    setLangState(l);
  };
  const t: T = (key, vars) => {
    let s = dictionaries[lang][key] ?? key;
    Object.entries(vars ?? {}).forEach(([k, v]) => {
      s = s.replace(`{${k}}`, String(v));
    });
    return s;
  };
  return <I18n.Provider value={{ lang, setLang, t }}>{children}</I18n.Provider>;
}

export function useI18n() {
  return useContext(I18n);
}
