import { useEffect, useState, type FormEvent } from 'react';
import { NavLink, Navigate, Route, Routes } from 'react-router-dom';
import { ApiError, currentAccount, hasAnyRole, onAccountChange, signIn, signOut, type Account } from './api';
import { loadModel, pathParams, type PlatformModel } from './openapi';
import { useI18n, type Lang } from './i18n';
import { ErrorBox } from './ui';
import { ResourceRoute, resLink } from './generated/ResourceScreens';
import { ReviewQueue } from './screens/ReviewQueue';
import { FeedCuration } from './screens/FeedCuration';
import { Lexicon } from './screens/Lexicon';
import { Segments } from './screens/Segments';
import { Analytics } from './screens/Analytics';
import { ModerationDesk } from './screens/ModerationDesk';
import { Campaigns } from './screens/Campaigns';
import { HotTopics } from './screens/HotTopics';
import { Journeys } from './screens/Journeys';

/** A purpose-made screen appears when the operations it needs are in the document and the user may call them. */
export interface Workflow {
  path: string;
  label: 'menu.review' | 'menu.feeds' | 'menu.lexicon' | 'menu.moderation' | 'menu.segments' | 'menu.analytics' | 'menu.campaigns' | 'menu.trends' | 'menu.journeys';
  needs: [string, string];
  element: (m: PlatformModel, a: Account) => React.ReactNode;
}

const WORKFLOWS: Workflow[] = [
  { path: '/review', label: 'menu.review', needs: ['GET', '/api/content/review/queue'], element: (m, a) => <ReviewQueue model={m} account={a} /> },
  { path: '/feeds', label: 'menu.feeds', needs: ['PUT', '/api/content/feeds/{key}/pins'], element: (m, a) => <FeedCuration model={m} account={a} /> },
  { path: '/moderation', label: 'menu.moderation', needs: ['POST', '/api/community/reviews/{id}/decision'], element: (m, a) => <ModerationDesk model={m} account={a} /> },
  { path: '/lexicon', label: 'menu.lexicon', needs: ['GET', '/api/community/moderation/lexicon'], element: (m, a) => <Lexicon model={m} account={a} /> },
  { path: '/trends', label: 'menu.trends', needs: ['GET', '/api/community/trends/ops'], element: (m, a) => <HotTopics model={m} account={a} /> },
  { path: '/segments', label: 'menu.segments', needs: ['POST', '/api/push/segments/preview'], element: (m, a) => <Segments model={m} account={a} /> },
  { path: '/campaigns', label: 'menu.campaigns', needs: ['POST', '/api/push/campaigns'], element: (m, a) => <Campaigns model={m} account={a} /> },
  { path: '/journeys', label: 'menu.journeys', needs: ['POST', '/api/push/journeys'], element: (m, a) => <Journeys model={m} account={a} /> },
  { path: '/analytics', label: 'menu.analytics', needs: ['GET', '/api/push/analytics/retention'], element: (m, a) => <Analytics model={m} account={a} /> },
];

function available(w: Workflow, m: PlatformModel, a: Account): boolean {
  const op = m.find(w.needs[0], w.needs[1]);
  return !!op && hasAnyRole(a, op.roles);
}

export function App() {
  const [account, setAccount] = useState<Account | null>(currentAccount());
  useEffect(() => onAccountChange(setAccount), []);
  return account ? <Shell account={account} /> : <SignIn />;
}

function LangSwitch() {
  const { lang, setLang } = useI18n();
  return (
    <select aria-label="language" className="lang" value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
      <option value="zh-CN">中文</option>
      <option value="en">English</option>
    </select>
  );
}

function SignIn() {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(username, password);
    } catch (x) {
      setError(x instanceof ApiError ? x : new Error(t('signin.failed')));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="signin">
      <form onSubmit={submit} className="card">
        <h1>{t('app.title')}</h1>
        <h2>{t('signin.title')}</h2>
        <label>
          {t('signin.username')}
          <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
        </label>
        <label>
          {t('signin.password')}
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        <ErrorBox error={error} />
        <button className="primary" type="submit" disabled={busy}>
          {t('signin.submit')}
        </button>
        <LangSwitch />
      </form>
    </main>
  );
}

function Shell({ account }: { account: Account }) {
  const { t } = useI18n();
  const [model, setModel] = useState<PlatformModel | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    loadModel().then(setModel, setError);
  }, []);
  const workflows = model ? WORKFLOWS.filter((w) => available(w, model, account)) : [];
  const resources = model ? model.resources.filter((r) => hasAnyRole(account, r.list.roles)) : [];
  const services = [...new Set(resources.map((r) => r.service))];
  return (
    <div className="shell">
      <aside className="menu">
        <div className="brand">云营 Yunying</div>
        <nav>
          <NavLink to="/" end>
            {t('menu.home')}
          </NavLink>
          {workflows.length > 0 && <h4>{t('menu.workflows')}</h4>}
          {workflows.map((w) => (
            <NavLink key={w.path} to={w.path} data-menu={w.path}>
              {t(w.label)}
            </NavLink>
          ))}
          {services.map((s) => (
            <div key={s}>
              <h4>{(['content', 'community', 'push', 'gateway'].includes(s) ? t(`service.${s}` as 'service.content') : s)}</h4>
              {resources
                .filter((r) => r.service === s)
                .map((r) => (
                  <NavLink key={r.key} to={resLink(r.key)} data-menu={r.key} title={r.list.summary}>
                    {r.label}
                    {pathParams(r.key).length > 0 && <span className="muted"> …</span>}
                  </NavLink>
                ))}
            </div>
          ))}
        </nav>
      </aside>
      <div className="main">
        <header className="topbar">
          <span className="who" data-testid="who">
            {account.username} · {account.roles.join(', ')}
          </span>
          <div className="spacer" />
          <LangSwitch />
          <button onClick={() => signOut()}>{t('signout')}</button>
        </header>
        <main className="content">
          <ErrorBox error={error} />
          {!model && !error && <p className="muted">{t('common.loading')}</p>}
          {model && (
            <Routes>
              <Route path="/" element={<Home model={model} account={account} workflows={workflows} />} />
              {WORKFLOWS.map((w) => (
                <Route key={w.path} path={w.path} element={available(w, model, account) ? w.element(model, account) : <p className="notice">{t('common.noAccess')}</p>} />
              ))}
              <Route path="/res/*" element={<ResourceRoute model={model} account={account} />} />
              <Route path="*" element={<Navigate to="/" replace />} />
            </Routes>
          )}
        </main>
      </div>
    </div>
  );
}

function Home({ model, account, workflows }: { model: PlatformModel; account: Account; workflows: Workflow[] }) {
  const { t } = useI18n();
  const resources = model.resources.filter((r) => hasAnyRole(account, r.list.roles));
  return (
    <section>
      <h1>{t('menu.home')}</h1>
      <p>{t('home.hello', { user: String(account.displayName ?? account.username), roles: account.roles.join(', ') })}</p>
      <p className="muted">{t('home.generated', { n: resources.length })}</p>
      <div className="tiles">
        {workflows.map((w) => (
          <NavLink key={w.path} className="tile" to={w.path}>
            {t(w.label)}
          </NavLink>
        ))}
      </div>
    </section>
  );
}
