// Content review queue: claim, read the item with its diff against the previous revision and the
// moderation check's hits highlighted, approve, reject with a reason, bulk decisions.
import { useCallback, useEffect, useState } from 'react';
import { api, hasAnyRole, pageOf, type Account } from '../api';
import type { PlatformModel } from '../openapi';
import { useI18n } from '../i18n';
import { ErrorBox } from '../ui';
import { Value } from '../generated/fields';
import { Highlighted, type Hit } from './Highlight';

type Row = Record<string, unknown> & { id: string; title?: string };
interface Revision {
  number: number;
}
interface Diff {
  fields: { field: string; before: unknown; after: unknown }[];
  body: string[];
}

export function ReviewQueue({ model, account }: { model: PlatformModel; account: Account }) {
  const { t } = useI18n();
  const [rows, setRows] = useState<Row[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [current, setCurrent] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [reason, setReason] = useState('');

  const reload = useCallback(() => {
    api('GET', '/api/content/review/queue', { query: { cursor, limit: 20 } })
      .then((r) => {
        const p = pageOf(r.data);
        setRows(p.items as Row[]);
        setNext(p.nextCursor);
      })
      .catch(setError);
  }, [cursor]);
  useEffect(reload, [reload]);

  const act = async (what: 'claim' | 'release' | 'approve' | 'reject', id: string) => {
    setError(null);
    setNotice(null);
    try {
      if (what === 'approve' || what === 'reject') {
        // a decision needs one's own claim; claiming again renews it
        await api('POST', `/api/content/review/items/${id}/claim`);
      }
      await api('POST', `/api/content/review/items/${id}/${what}`, { body: what === 'approve' || what === 'reject' ? { reason: reason || undefined } : undefined });
      setNotice(`${t(`review.${what}` as 'review.claim')}: ${t('common.done')}`);
      if (what === 'approve' || what === 'reject') {
        setCurrent(null);
        setReason('');
      }
      reload();
    } catch (e) {
      setError(e);
    }
  };

  const bulk = async (decision: 'APPROVE' | 'REJECT') => {
    setError(null);
    try {
      const r = await api<{ id: string; status: number; detail?: string }[]>('POST', '/api/content/review/bulk', { body: { decision, ids: [...selected], reason: reason || undefined } });
      const failed = r.data.filter((x) => x.status >= 300);
      setNotice(`${decision}: ${r.data.length - failed.length}/${r.data.length}` + (failed.length ? ` — ${failed.map((f) => f.detail).join('; ')}` : ''));
      setSelected(new Set());
      reload();
    } catch (e) {
      setError(e);
    }
  };
  const canBulk = hasAnyRole(account, model.find('POST', '/api/content/review/bulk')?.roles);

  return (
    <section className="review">
      <header className="page-head">
        <h1>{t('menu.review')}</h1>
        <div className="spacer" />
        <input className="reason" name="reason" placeholder={t('common.reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
        {canBulk && (
          <>
            <button disabled={selected.size === 0} onClick={() => bulk('APPROVE')}>
              {t('review.bulkApprove')}
            </button>
            <button disabled={selected.size === 0 || !reason} onClick={() => bulk('REJECT')}>
              {t('review.bulkReject')}
            </button>
          </>
        )}
        <button onClick={reload}>{t('common.refresh')}</button>
      </header>
      {notice && <p className="notice ok">{notice}</p>}
      <ErrorBox error={error} />
      <div className="split">
        <div className="queue">
          {!rows && <p className="muted">{t('common.loading')}</p>}
          {rows && rows.length === 0 && <p className="muted">{t('common.empty')}</p>}
          {rows?.map((r) => (
            <div key={r.id} className={`queue-item${current === r.id ? ' active' : ''}`} data-id={r.id} onClick={() => setCurrent(r.id)}>
              <input
                type="checkbox"
                aria-label="select"
                checked={selected.has(r.id)}
                onClick={(e) => e.stopPropagation()}
                onChange={(e) => {
                  const s = new Set(selected);
                  if (e.target.checked) s.add(r.id);
                  else s.delete(r.id);
                  setSelected(s);
                }}
              />
              <div>
                <strong>{r.title ?? r.id}</strong>
                <div className="muted small">
                  {String(r.source ?? '')} · {String(r.type ?? '')} · {String(r.author ?? '')} · P{String(r.priority ?? 0)}
                  {r.moderation ? <span className={`badge ${r.moderation === 'PASS' ? 'ok' : 'warn'}`}>{String(r.moderation)}</span> : null}
                  {r.lastClaimedBy ? <span className="badge">{t('review.claimedBy', { who: String(r.lastClaimedBy) })}</span> : null}
                </div>
              </div>
            </div>
          ))}
          <nav className="pager">
            <button disabled={!cursor} onClick={() => setCursor(null)}>
              {t('common.first')}
            </button>
            <button disabled={!next} onClick={() => setCursor(next)}>
              {t('common.next')}
            </button>
          </nav>
        </div>
        <div className="detail">
          {current ? <ReviewItem key={current} id={current} model={model} account={account} onAct={act} /> : <p className="muted">{t('review.pick')}</p>}
        </div>
      </div>
    </section>
  );
}

function ReviewItem({ id, model, account, onAct }: { id: string; model: PlatformModel; account: Account; onAct: (w: 'claim' | 'release' | 'approve' | 'reject', id: string) => void }) {
  const { t } = useI18n();
  const [item, setItem] = useState<Record<string, unknown> | null>(null);
  const [diff, setDiff] = useState<Diff | null | undefined>(undefined);
  const [hits, setHits] = useState<Hit[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    api<Record<string, unknown>>('GET', `/api/content/items/${id}`)
      .then(async (r) => {
        setItem(r.data);
        const check = model.find('POST', '/api/community/moderation/check');
        const text = [r.data.title, r.data.summary, r.data.body].filter(Boolean).join('\n');
        if (check && hasAnyRole(account, check.roles) && text.trim()) {
          api<{ hits: Hit[] }>('POST', '/api/community/moderation/check', { body: { text, contentType: 'content-item' } })
            .then((c) => setHits(c.data.hits ?? []))
            .catch(() => setHits(null));
        }
        const revs = await api<Revision[]>('GET', `/api/content/items/${id}/revisions`).catch(() => null);
        const numbers = (revs?.data ?? []).map((x) => x.number).sort((a, b) => b - a);
        if (numbers.length >= 2) {
          const d = await api<Diff>('GET', `/api/content/items/${id}/revisions/${numbers[1]}/diff/${numbers[0]}`).catch(() => null);
          setDiff(d?.data ?? null);
        } else setDiff(null);
      })
      .catch(setError);
  }, [id]); // eslint-disable-line

  if (error) return <ErrorBox error={error} />;
  if (!item) return <p className="muted">{t('common.loading')}</p>;
  const text = [item.title, item.summary, item.body].filter(Boolean).join('\n');
  return (
    <article className="review-item" data-state={String(item.state)}>
      <h2>{String(item.title ?? '')}</h2>
      <p className="muted small">
        {String(item.source)} · {String(item.type)} · {String(item.state)} · {String(item.author ?? '')} · rev {String(item.revision)} · <Value v={item.updatedAt} />
      </p>
      <div className="actions">
        <button onClick={() => onAct('claim', id)}>{t('review.claim')}</button>
        <button onClick={() => onAct('release', id)}>{t('review.release')}</button>
        <button className="primary" data-action="approve" onClick={() => onAct('approve', id)}>
          {t('review.approve')}
        </button>
        <button className="danger" data-action="reject" onClick={() => onAct('reject', id)}>
          {t('review.reject')}
        </button>
      </div>
      <h3>{t('review.hits')}</h3>
      {hits === null ? (
        <p className="muted small">{String(item.moderation ?? '—')}</p>
      ) : (
        <>
          <Highlighted text={text} hits={hits} />
          <p className="muted small">{hits.length} hits</p>
        </>
      )}
      {hits === null && <pre className="body">{text}</pre>}
      <h3>{t('review.diff')}</h3>
      {diff === undefined && <p className="muted">{t('common.loading')}</p>}
      {diff === null && <p className="muted">{t('review.noDiff')}</p>}
      {diff && (
        <div className="diff">
          {diff.fields.map((f) => (
            <div key={f.field} className="diff-field">
              <code>{f.field}</code> <del>{JSON.stringify(f.before)}</del> → <ins>{JSON.stringify(f.after)}</ins>
            </div>
          ))}
          <pre>
            {(diff.body ?? []).map((l, i) => (
              <div key={i} className={l.startsWith('+') ? 'add' : l.startsWith('-') ? 'del' : ''}>
                {l}
              </div>
            ))}
          </pre>
        </div>
      )}
    </article>
  );
}
