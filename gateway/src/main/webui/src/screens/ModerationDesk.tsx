// Community moderation desk: the scored queue with the post, its moderation hits and the author's
// standing side by side; claim, then approve, remove or publish a masked text, optionally with a
// graduated sanction; appeals against sanctions resolved in the same place; active sanctions revoked.
import { useCallback, useEffect, useState } from 'react';
import { api, hasAnyRole, pageOf, type Account } from '../api';
import type { PlatformModel } from '../openapi';
import { useI18n } from '../i18n';
import { ErrorBox } from '../ui';
import { Value } from '../generated/fields';
import { Highlighted, type Hit } from './Highlight';

type Row = Record<string, unknown> & { id: string };
interface Post {
  id: string;
  authorId: string;
  title?: string;
  body: string;
  status: string;
  hashtags: string[];
  createdAt: string;
}
interface Sanction {
  id: string;
  userId: string;
  type: string;
  reason: string;
  startsAt: string;
  endsAt?: string;
  active: boolean;
}
interface Standing {
  userId: string;
  posts: number;
  strikes: number;
  trustLevel: number;
  reportWeight: number;
  activeSanctions: Sanction[];
}

const SANCTIONS = ['WARN', 'MUTE', 'SUSPEND', 'BAN'];

/** Replaces every hit with as many * as it has characters, the way MASK publishes a text. */
function masked(text: string, hits: Hit[]): string {
  let out = text;
  [...hits]
    .filter((h) => h.end > h.start)
    .sort((a, b) => b.start - a.start)
    .forEach((h) => {
      out = out.slice(0, h.start) + '*'.repeat(h.end - h.start) + out.slice(h.end);
    });
  return out;
}

export function ModerationDesk({ model, account }: { model: PlatformModel; account: Account }) {
  const { t } = useI18n();
  const [tab, setTab] = useState<'queue' | 'appeals'>('queue');
  const canAppeals = hasAnyRole(account, model.find('GET', '/api/community/appeals')?.roles);
  return (
    <section className="moderation">
      <header className="page-head">
        <h1>{t('menu.moderation')}</h1>
        <div className="spacer" />
        <div className="tabs" role="tablist">
          <button role="tab" aria-selected={tab === 'queue'} className={tab === 'queue' ? 'active' : ''} onClick={() => setTab('queue')}>
            {t('moderation.queue')}
          </button>
          {canAppeals && (
            <button role="tab" aria-selected={tab === 'appeals'} className={tab === 'appeals' ? 'active' : ''} onClick={() => setTab('appeals')}>
              {t('moderation.appeals')}
            </button>
          )}
        </div>
      </header>
      {tab === 'queue' ? <Queue model={model} account={account} /> : <Appeals />}
    </section>
  );
}

function Queue({ model, account }: { model: PlatformModel; account: Account }) {
  const { t } = useI18n();
  const [rows, setRows] = useState<Row[] | null>(null);
  const [sort, setSort] = useState<'score' | 'createdAt'>('score');
  const [cursor, setCursor] = useState<string | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [current, setCurrent] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const reload = useCallback(() => {
    api('GET', '/api/community/reviews', { query: { sort, cursor, limit: 20 } })
      .then((r) => {
        const p = pageOf(r.data);
        setRows(p.items as Row[]);
        setNext(p.nextCursor);
      })
      .catch(setError);
  }, [sort, cursor]);
  useEffect(reload, [reload]);

  return (
    <>
      {notice && <p className="notice ok">{notice}</p>}
      <ErrorBox error={error} />
      <div className="split">
        <div className="queue">
          <div className="queue-tools">
            <label>
              {t('common.sort')}{' '}
              <select
                name="sort"
                value={sort}
                onChange={(e) => {
                  setCursor(null);
                  setSort(e.target.value as 'score' | 'createdAt');
                }}
              >
                <option value="score">{t('moderation.byScore')}</option>
                <option value="createdAt">{t('moderation.oldestFirst')}</option>
              </select>
            </label>
            <button onClick={reload}>{t('common.refresh')}</button>
          </div>
          {!rows && <p className="muted">{t('common.loading')}</p>}
          {rows && rows.length === 0 && <p className="muted">{t('common.empty')}</p>}
          {rows?.map((r) => (
            <div key={r.id} className={`queue-item${current === r.id ? ' active' : ''}`} data-id={r.id} onClick={() => setCurrent(r.id)}>
              <div>
                <strong>{String(r.reason)}</strong> <span className="badge warn">{Number(r.score).toFixed(1)}</span>
                {r.memberId ? <span className="badge">{t('moderation.member', { who: String(r.memberId) })}</span> : null}
                <div className="muted small">
                  {t('moderation.reports')} {Number(r.reportWeight).toFixed(1)} · {t('moderation.strikes')} {String(r.authorStrikes)} · <Value v={r.createdAt} />
                  {r.claimedBy ? <span className="badge">{t('review.claimedBy', { who: String(r.claimedBy) })}</span> : null}
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
          {current ? (
            <Decision
              key={current}
              id={current}
              model={model}
              account={account}
              onDone={(message) => {
                setNotice(message);
                setCurrent(null);
                reload();
              }}
            />
          ) : (
            <p className="muted">{t('review.pick')}</p>
          )}
        </div>
      </div>
    </>
  );
}

function Decision({ id, model, account, onDone }: { id: string; model: PlatformModel; account: Account; onDone: (message: string) => void }) {
  const { t } = useI18n();
  const [item, setItem] = useState<Row | null>(null);
  const [post, setPost] = useState<Post | null>(null);
  const [hits, setHits] = useState<Hit[]>([]);
  const [standing, setStanding] = useState<Standing | null>(null);
  const [outcome, setOutcome] = useState<'APPROVE' | 'REMOVE' | 'MASK'>('APPROVE');
  const [maskedBody, setMaskedBody] = useState('');
  const [note, setNote] = useState('');
  const [sanctionType, setSanctionType] = useState('');
  const [hours, setHours] = useState('24');
  const [sanctionReason, setSanctionReason] = useState('');
  const [error, setError] = useState<unknown>(null);

  const loadStanding = (userId: string) =>
    api<Standing>('GET', `/api/community/members/${encodeURIComponent(userId)}/standing`).then((s) => setStanding(s.data), () => setStanding(null));

  useEffect(() => {
    api<Row>('GET', `/api/community/reviews/${id}`)
      .then(async (r) => {
        setItem(r.data);
        if (!r.data.postId) {
          // a reported member, not a post: the member's standing is the whole case
          setPost(null);
          if (r.data.memberId) loadStanding(String(r.data.memberId));
          return;
        }
        const p = await api<Post>('GET', `/api/community/posts/${String(r.data.postId)}`);
        setPost(p.data);
        setMaskedBody(p.data.body);
        const check = model.find('POST', '/api/community/moderation/check');
        if (check && hasAnyRole(account, check.roles)) {
          api<{ hits: Hit[] }>('POST', '/api/community/moderation/check', { body: { text: p.data.body, contentType: 'post', authorId: p.data.authorId } })
            .then((c) => {
              setHits(c.data.hits ?? []);
              setMaskedBody(masked(p.data.body, c.data.hits ?? []));
            })
            .catch(() => setHits([]));
        }
        loadStanding(p.data.authorId);
      })
      .catch(setError);
  }, [id]); // eslint-disable-line

  const claim = async () => {
    setError(null);
    try {
      setItem((await api<Row>('POST', `/api/community/reviews/${id}/claim`)).data);
    } catch (e) {
      setError(e);
    }
  };

  const decide = async () => {
    setError(null);
    try {
      // a decision needs one's own live claim; claiming again renews it
      await api('POST', `/api/community/reviews/${id}/claim`);
      await api('POST', `/api/community/reviews/${id}/decision`, {
        body: {
          decision: outcome,
          note: note || undefined,
          maskedBody: outcome === 'MASK' ? maskedBody : undefined,
          sanction: sanctionType
            ? { type: sanctionType, durationHours: sanctionType === 'WARN' || (sanctionType === 'BAN' && !hours) ? undefined : Number(hours), reason: sanctionReason || undefined }
            : undefined,
        },
      });
      onDone(`${t(`moderation.${outcome.toLowerCase()}` as 'moderation.approve')}: ${t('common.done')}`);
    } catch (e) {
      setError(e);
    }
  };

  const revoke = async (s: Sanction) => {
    const reason = window.prompt(t('moderation.revokeReason'));
    if (!reason) return;
    setError(null);
    try {
      await api('POST', `/api/community/sanctions/${s.id}/revoke`, { body: { reason } });
      const subject = post?.authorId ?? (item?.memberId ? String(item.memberId) : null);
      if (subject) await loadStanding(subject);
    } catch (e) {
      setError(e);
    }
  };

  if (!item || (!post && item.postId)) return error ? <ErrorBox error={error} /> : <p className="muted">{t('common.loading')}</p>;
  return (
    <article className="review-item" data-status={String(item.status)}>
      {post ? (
        <>
          <h2>{post.title || t('moderation.post')}</h2>
          <p className="muted small">
            {post.authorId} · {post.status} · {post.hashtags.map((h) => `#${h}`).join(' ')} · <Value v={post.createdAt} />
          </p>
        </>
      ) : (
        <h2 data-testid="reported-member">{t('moderation.member', { who: String(item.memberId) })}</h2>
      )}
      <p className="small">
        {t('moderation.reason')}: <strong>{String(item.reason)}</strong> · {t('moderation.score')} {Number(item.score).toFixed(2)} · {t('moderation.rules')}{' '}
        {String(item.ruleIds ?? '—')}
      </p>
      {post && (
        <>
          <h3>{t('review.hits')}</h3>
          <Highlighted text={post.body ?? ''} hits={hits} />
          <p className="muted small">{hits.length} hits</p>
        </>
      )}

      {standing && (
        <div className="standing" data-testid="standing">
          <h3>{t('moderation.standing')}</h3>
          <p className="small">
            {t('moderation.trust')} {standing.trustLevel} · {t('moderation.posts')} {standing.posts} · {t('moderation.strikes')} {standing.strikes} ·{' '}
            {t('moderation.reportWeight')} {standing.reportWeight.toFixed(2)}
          </p>
          {standing.activeSanctions.length === 0 && <p className="muted small">{t('moderation.noSanctions')}</p>}
          {standing.activeSanctions.map((s) => (
            <div key={s.id} className="sanction small" data-sanction={s.type}>
              <span className="badge warn">{s.type}</span> {s.reason} · <Value v={s.startsAt} /> → {s.endsAt ? <Value v={s.endsAt} /> : '∞'}{' '}
              <button onClick={() => revoke(s)}>{t('moderation.revoke')}</button>
            </div>
          ))}
        </div>
      )}

      <h3>{t('moderation.decide')}</h3>
      <div className="form-grid">
        <label>
          {t('moderation.outcome')}
          <select name="outcome" value={outcome} onChange={(e) => setOutcome(e.target.value as 'APPROVE')}>
            <option value="APPROVE">{t('moderation.approve')}</option>
            <option value="REMOVE">{t('moderation.remove')}</option>
            {post && <option value="MASK">{t('moderation.mask')}</option>}
          </select>
        </label>
        {outcome === 'MASK' && (
          <label className="wide">
            {t('moderation.maskedBody')}
            <textarea name="maskedBody" rows={4} value={maskedBody} onChange={(e) => setMaskedBody(e.target.value)} />
          </label>
        )}
        <label>
          {t('moderation.sanction')}
          <select name="sanctionType" value={sanctionType} onChange={(e) => setSanctionType(e.target.value)}>
            <option value="">{t('moderation.noSanction')}</option>
            {SANCTIONS.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        {sanctionType && sanctionType !== 'WARN' && (
          <label>
            {t('moderation.hours')}
            <input name="durationHours" type="number" min={1} value={hours} onChange={(e) => setHours(e.target.value)} />
          </label>
        )}
        {sanctionType && (
          <label className="wide">
            {t('moderation.sanctionReason')}
            <input name="sanctionReason" value={sanctionReason} onChange={(e) => setSanctionReason(e.target.value)} />
          </label>
        )}
        <label className="wide">
          {t('moderation.note')}
          <input name="note" value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
      </div>
      <ErrorBox error={error} />
      <div className="actions">
        <button onClick={claim}>{t('review.claim')}</button>
        <button className={outcome === 'REMOVE' ? 'danger' : 'primary'} data-action="decide" onClick={decide}>
          {t('moderation.submit')}
        </button>
      </div>
    </article>
  );
}

function Appeals() {
  const { t } = useI18n();
  const [rows, setRows] = useState<Row[] | null>(null);
  const [status, setStatus] = useState('OPEN');
  const [current, setCurrent] = useState<Row | null>(null);
  const [sanction, setSanction] = useState<Sanction | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const reload = useCallback(() => {
    api('GET', '/api/community/appeals', { query: { status, limit: 50 } })
      .then((r) => setRows(pageOf(r.data).items as Row[]))
      .catch(setError);
  }, [status]);
  useEffect(reload, [reload]);

  const open = (a: Row) => {
    setCurrent(a);
    setSanction(null);
    setNote('');
    if (a.sanctionId) api<Sanction>('GET', `/api/community/sanctions/${String(a.sanctionId)}`).then((s) => setSanction(s.data), setError);
  };

  const resolve = async (outcome: 'UPHOLD' | 'REVERSE') => {
    if (!current) return;
    setError(null);
    try {
      await api('POST', `/api/community/appeals/${current.id}/resolution`, { body: { outcome, note: note || undefined } });
      setNotice(`${t(outcome === 'UPHOLD' ? 'moderation.uphold' : 'moderation.reverse')}: ${t('common.done')}`);
      setCurrent(null);
      reload();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <>
      {notice && <p className="notice ok">{notice}</p>}
      <ErrorBox error={error} />
      <div className="split">
        <div className="queue">
          <div className="queue-tools">
            <select name="appealStatus" value={status} onChange={(e) => setStatus(e.target.value)}>
              <option value="OPEN">OPEN</option>
              <option value="UPHELD">UPHELD</option>
              <option value="REVERSED">REVERSED</option>
            </select>
            <button onClick={reload}>{t('common.refresh')}</button>
          </div>
          {rows && rows.length === 0 && <p className="muted">{t('common.empty')}</p>}
          {rows?.map((a) => (
            <div key={a.id} className={`queue-item${current?.id === a.id ? ' active' : ''}`} data-appeal={a.id} onClick={() => open(a)}>
              <div>
                <strong>{String(a.appellantId)}</strong> <span className="badge">{String(a.status)}</span>
                <div className="muted small">
                  {String(a.text).slice(0, 80)} · <Value v={a.createdAt} />
                </div>
              </div>
            </div>
          ))}
        </div>
        <div className="detail">
          {!current && <p className="muted">{t('moderation.pickAppeal')}</p>}
          {current && (
            <article className="review-item">
              <h2>{t('moderation.appealBy', { who: String(current.appellantId) })}</h2>
              <pre className="body">{String(current.text)}</pre>
              {sanction && (
                <p className="small" data-testid="appealed-sanction">
                  <span className="badge warn">{sanction.type}</span> {sanction.reason} · <Value v={sanction.startsAt} /> →{' '}
                  {sanction.endsAt ? <Value v={sanction.endsAt} /> : '∞'} · {sanction.active ? t('moderation.active') : t('moderation.inactive')}
                </p>
              )}
              {current.status === 'OPEN' ? (
                <>
                  <label className="wide">
                    {t('moderation.note')}
                    <input name="resolutionNote" value={note} onChange={(e) => setNote(e.target.value)} />
                  </label>
                  <div className="actions">
                    <button data-action="uphold" onClick={() => resolve('UPHOLD')}>
                      {t('moderation.uphold')}
                    </button>
                    <button className="primary" data-action="reverse" onClick={() => resolve('REVERSE')}>
                      {t('moderation.reverse')}
                    </button>
                  </div>
                </>
              ) : (
                <p className="small">
                  {String(current.resolvedBy ?? '')}: {String(current.resolutionNote ?? '')}
                </p>
              )}
            </article>
          )}
        </div>
      </div>
    </>
  );
}
