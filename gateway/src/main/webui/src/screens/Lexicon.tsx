// Moderation lexicon: entries, add one, import a word list, and test a text against the lexicon live.
import { useEffect, useRef, useState } from 'react';
import { api, hasAnyRole, pageOf, type Account } from '../api';
import type { PlatformModel, Schema } from '../openapi';
import { useI18n } from '../i18n';
import { ErrorBox } from '../ui';
import { Highlighted, type Hit } from './Highlight';

interface Entry {
  id: string;
  kind: string;
  pattern: string;
  category: string;
  action: string;
  severity: number;
  createdBy?: string;
}
interface CheckResult {
  decision: string;
  flagged: boolean;
  maskedText?: string;
  hits: Hit[];
  lexiconVersion?: number;
}

const FALLBACK_CATEGORIES = ['POLITICS', 'PORN', 'VIOLENCE', 'ADS', 'ABUSE', 'SPAM', 'CUSTOM'];

function enumOf(s: Schema | undefined, fallback: string[]): string[] {
  return (s?.enum as string[] | undefined) ?? fallback;
}

export function Lexicon({ model, account }: { model: PlatformModel; account: Account }) {
  const { t } = useI18n();
  const add = model.find('POST', '/api/community/moderation/lexicon');
  const entrySchema = add?.requestSchema?.properties ?? {};
  const kinds = enumOf(entrySchema.kind, ['WORD', 'REGEX', 'ALLOW']);
  const actions = enumOf(entrySchema.action, ['BLOCK', 'REVIEW', 'MASK', 'FLAG']);
  const categories = enumOf(entrySchema.category, FALLBACK_CATEGORIES);
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [next, setNext] = useState<string | null>(null);
  const [filterKind, setFilterKind] = useState('');
  const [form, setForm] = useState({ pattern: '', kind: 'WORD', category: 'ABUSE', action: 'BLOCK', severity: '5' });
  const [importText, setImportText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [lexVersion, setLexVersion] = useState<unknown>(null);

  useEffect(() => {
    api('GET', '/api/community/moderation/lexicon', { query: { cursor: cursors[cursors.length - 1], limit: 20, kind: filterKind || undefined } })
      .then((r) => {
        const p = pageOf(r.data);
        setEntries(p.items as unknown as Entry[]);
        setNext(p.nextCursor);
      })
      .catch(setError);
    api('GET', '/api/community/moderation/lexicon/version')
      .then((r) => setLexVersion(r.data))
      .catch(() => undefined);
  }, [cursors, filterKind, version]);

  const addOne = async () => {
    setError(null);
    try {
      await api('POST', '/api/community/moderation/lexicon', { body: { ...form, severity: Number(form.severity) } });
      setNotice(`${form.pattern}: ${t('common.saved')}`);
      setForm({ ...form, pattern: '' });
      setVersion((v) => v + 1);
    } catch (e) {
      setError(e);
    }
  };
  const importList = async () => {
    setError(null);
    const lines = importText.split('\n').map((l) => l.trim()).filter(Boolean);
    const list = lines.map((l) => {
      const [pattern, category, action] = l.split(/[,\t]/).map((x) => x.trim());
      return { pattern, kind: 'WORD', category: category || form.category, action: action || form.action, severity: Number(form.severity) };
    });
    try {
      await api('POST', '/api/community/moderation/lexicon/batch', { body: { entries: list } });
      setNotice(t('lexicon.imported', { n: list.length }));
      setImportText('');
      setVersion((v) => v + 1);
    } catch (e) {
      setError(e);
    }
  };
  const remove = async (id: string) => {
    try {
      await api('DELETE', `/api/community/moderation/lexicon/${id}`);
      setVersion((v) => v + 1);
    } catch (e) {
      setError(e);
    }
  };
  const canCheck = hasAnyRole(account, model.find('POST', '/api/community/moderation/check')?.roles);

  return (
    <section className="lexicon">
      <header className="page-head">
        <h1>{t('menu.lexicon')}</h1>
        <span className="muted">
          {t('lexicon.version')}: <span data-testid="lexicon-version">{lexVersion && typeof lexVersion === 'object' ? Object.entries(lexVersion as Record<string, unknown>).map(([k, v]) => `${k} ${v}`).join(' · ') : String(lexVersion ?? '—')}</span>
        </span>
      </header>
      {notice && <p className="notice ok">{notice}</p>}
      <ErrorBox error={error} />
      <div className="split">
        <div>
          {canCheck && <CheckBox version={version} />}
          <h2>{t('lexicon.add')}</h2>
          <form
            className="inline-form wrap"
            onSubmit={(e) => {
              e.preventDefault();
              addOne();
            }}
          >
            <label>
              {t('lexicon.word')}
              <input name="pattern" required value={form.pattern} onChange={(e) => setForm({ ...form, pattern: e.target.value })} />
            </label>
            <label>
              kind
              <select name="kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>
                {kinds.map((k) => (
                  <option key={k}>{k}</option>
                ))}
              </select>
            </label>
            <label>
              {t('lexicon.category')}
              <select name="category" value={form.category} onChange={(e) => setForm({ ...form, category: e.target.value })}>
                {categories.map((k) => (
                  <option key={k}>{k}</option>
                ))}
              </select>
            </label>
            <label>
              {t('lexicon.action')}
              <select name="action" value={form.action} onChange={(e) => setForm({ ...form, action: e.target.value })}>
                {actions.map((k) => (
                  <option key={k}>{k}</option>
                ))}
              </select>
            </label>
            <label>
              severity
              <input name="severity" type="number" min={1} max={10} value={form.severity} onChange={(e) => setForm({ ...form, severity: e.target.value })} />
            </label>
            <button type="submit" className="primary">
              {t('common.create')}
            </button>
          </form>
          <h2>{t('lexicon.import')}</h2>
          <textarea name="import" rows={4} placeholder={t('lexicon.importHint')} value={importText} onChange={(e) => setImportText(e.target.value)} />
          <input
            type="file"
            accept=".txt,.csv"
            aria-label="word list file"
            onChange={async (e) => {
              const f = e.target.files?.[0];
              if (f) setImportText(await f.text());
            }}
          />
          <button onClick={importList} disabled={!importText.trim()}>
            {t('lexicon.import')}
          </button>
        </div>
        <div>
          <div className="inline-form">
            <label>
              kind
              <select
                value={filterKind}
                onChange={(e) => {
                  setFilterKind(e.target.value);
                  setCursors([null]);
                }}
              >
                <option value="">—</option>
                {kinds.map((k) => (
                  <option key={k}>{k}</option>
                ))}
              </select>
            </label>
          </div>
          <table className="grid">
            <thead>
              <tr>
                <th>{t('lexicon.word')}</th>
                <th>kind</th>
                <th>{t('lexicon.category')}</th>
                <th>{t('lexicon.action')}</th>
                <th>severity</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {entries?.map((e) => (
                <tr key={e.id}>
                  <td>{e.pattern}</td>
                  <td>{e.kind}</td>
                  <td>{typeof e.category === 'string' ? e.category : JSON.stringify(e.category)}</td>
                  <td>{e.action}</td>
                  <td>{e.severity}</td>
                  <td>
                    <button className="link danger" onClick={() => remove(e.id)}>
                      {t('common.delete')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <nav className="pager">
            <button disabled={cursors.length === 1} onClick={() => setCursors([null])}>
              {t('common.first')}
            </button>
            <button disabled={!next} onClick={() => setCursors([...cursors, next])}>
              {t('common.next')}
            </button>
          </nav>
        </div>
      </div>
    </section>
  );
}

function CheckBox({ version }: { version: number }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [result, setResult] = useState<{ text: string; r: CheckResult } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const seq = useRef(0);
  useEffect(() => {
    if (!text.trim()) {
      setResult(null);
      return;
    }
    const n = ++seq.current;
    const timer = setTimeout(() => {
      api<CheckResult>('POST', '/api/community/moderation/check', { body: { text, contentType: 'console-test' } })
        .then((r) => n === seq.current && (setResult({ text, r: r.data }), setError(null)))
        .catch((e) => n === seq.current && setError(e));
    }, 250);
    return () => clearTimeout(timer);
  }, [text, version]);
  return (
    <div className="panel check">
      <h2>{t('lexicon.test')}</h2>
      <textarea name="checkText" rows={3} placeholder={t('lexicon.testHint')} value={text} onChange={(e) => setText(e.target.value)} />
      <ErrorBox error={error} />
      {result && (
        <div data-testid="check-result" data-decision={result.r.decision} data-flagged={String(result.r.flagged)}>
          <p>
            {t('lexicon.verdict')}: <span className={`badge ${result.r.decision === 'APPROVE' && !result.r.flagged ? 'ok' : 'warn'}`}>{result.r.decision}</span>
            {result.r.flagged && <span className="badge warn">FLAGGED</span>} · {result.r.hits.length} hits
          </p>
          <Highlighted text={result.text} hits={result.r.hits} />
          {result.r.maskedText && result.r.maskedText !== result.text && <pre className="body muted">{result.r.maskedText}</pre>}
        </div>
      )}
    </div>
  );
}
