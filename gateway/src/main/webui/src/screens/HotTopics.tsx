// Hot topics (热门话题): the rising and hot lists as operators see them (scores, distinct users,
// sparklines, reasons), guidance (pin, block, merge synonyms, approve through the review gate),
// emerging phrases nobody tagged yet, a topic's core members, the guidance log, and the public list
// as the apps get it.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, hasAnyRole, pageOf, type Account } from '../api';
import type { PlatformModel } from '../openapi';
import { useI18n } from '../i18n';
import { ErrorBox, Sparkline } from '../ui';
import { Value } from '../generated/fields';

const WINDOWS = ['rising', '1h', '24h', '7d'] as const;
type Window = (typeof WINDOWS)[number];

interface OpsItem {
  topic: string;
  rank: number | null;
  publicPosition: number | null;
  status: 'SHOWN' | 'PINNED' | 'HELD' | 'BLOCKED' | 'BELOW';
  score: number;
  users: number;
  expected: number | null;
  risingRatio: number | null;
  approved: boolean;
  pinPosition: number | null;
  pinnedUntil: string | null;
  aliases: string[];
  reasons: { code: string; detail: string }[];
  sparkline: { at: string; users: number }[];
}
interface OpsList {
  window: string;
  computedAt: string | null;
  gateRank: number;
  items: OpsItem[];
}
interface PublicList {
  items: { position: number; topic: string; users: number; pinned: boolean }[];
}
interface Phrase {
  position: number;
  phrase: string;
  score: number;
  authors: number;
  expected: number;
}
interface CoreMember {
  userId: string;
  posts: number;
  reachedUsers: number;
  likes: number;
  comments: number;
}
interface LogEntry {
  id: string;
  actor: string;
  action: string;
  subjectId: string;
  reason: string;
  createdAt: string;
}

const STATUS_CLASS: Record<string, string> = { SHOWN: 'ok', PINNED: 'ok', HELD: 'warn', BLOCKED: 'warn', BELOW: '' };

export function HotTopics({ model, account }: { model: PlatformModel; account: Account }) {
  const { t } = useI18n();
  const [win, setWin] = useState<Window>('rising');
  const [ops, setOps] = useState<OpsList | null>(null);
  // the window the shown list belongs to: a slow answer for a tab left behind must not replace a newer one
  const [opsWindow, setOpsWindow] = useState<Window | null>(null);
  const latestRequest = useRef(0);
  const [pub, setPub] = useState<PublicList | null>(null);
  const [emerging, setEmerging] = useState<Phrase[]>([]);
  const [log, setLog] = useState<LogEntry[]>([]);
  const [topic, setTopic] = useState<string | null>(null);
  const [members, setMembers] = useState<CoreMember[] | null>(null);
  const [reason, setReason] = useState('');
  const [pinPosition, setPinPosition] = useState('1');
  const [pinHours, setPinHours] = useState('24');
  const [mergeInto, setMergeInto] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const reload = useCallback(() => {
    setError(null);
    const request = ++latestRequest.current;
    api<OpsList>('GET', '/api/community/trends/ops', { query: { window: win, limit: 30 } }).then((r) => {
      if (request !== latestRequest.current) return;
      setOps(r.data);
      setOpsWindow(win);
    }, setError);
    api<PublicList>('GET', '/api/community/trends', { query: { window: win, limit: 10 } }).then((r) => setPub(r.data), setError);
    if (model.find('GET', '/api/community/trends/emerging'))
      api<{ items: Phrase[] }>('GET', '/api/community/trends/emerging', { query: { limit: 15 } }).then((r) => setEmerging(r.data.items), setError);
    api('GET', '/api/community/trends/guidance-log', { query: { limit: 10 } }).then((r) => setLog(pageOf(r.data).items as unknown as LogEntry[]), setError);
  }, [win, model]);
  useEffect(reload, [reload]);

  useEffect(() => {
    setMembers(null);
    if (topic) api<{ members: CoreMember[] }>('GET', '/api/community/trends/core-members', { query: { topic, limit: 10 } }).then((r) => setMembers(r.data.members), setError);
  }, [topic]);

  const guide = async (action: 'pin' | 'unpin' | 'block' | 'unblock' | 'approve' | 'merge' | 'unmerge', subject: string) => {
    setError(null);
    setNotice(null);
    const why = reason.trim();
    const body =
      action === 'pin'
        ? { position: Number(pinPosition), until: new Date(Date.now() + Number(pinHours) * 3600e3).toISOString(), reason: why }
        : action === 'merge'
          ? { into: mergeInto.trim(), reason: why }
          : { reason: why };
    try {
      await api('POST', `/api/community/trends/topics/${encodeURIComponent(subject)}/${action}`, { body });
      // the lists are recomputed in the background within seconds; an admin may force it now
      if (hasAnyRole(account, model.find('POST', '/api/community/trends/recompute')?.roles ?? ['-'])) await api('POST', '/api/community/trends/recompute');
      setNotice(`${t(`trends.${action}` as 'trends.pin')} #${subject}#: ${t('common.done')}`);
      reload();
    } catch (e) {
      setError(e);
    }
  };

  const selected = ops?.items.find((i) => i.topic === topic) ?? null;
  return (
    <section className="trends">
      <header className="page-head">
        <h1>{t('menu.trends')}</h1>
        <div className="tabs" role="tablist">
          {WINDOWS.map((w) => (
            <button key={w} role="tab" data-window={w} aria-selected={win === w} className={win === w ? 'active' : ''} onClick={() => setWin(w)}>
              {t(`trends.window.${w}` as 'trends.window.rising')}
            </button>
          ))}
        </div>
        <div className="spacer" />
        {ops?.computedAt && (
          <span className="muted small">
            {t('trends.computedAt')} <Value v={ops.computedAt} />
          </span>
        )}
        <button onClick={reload}>{t('common.refresh')}</button>
      </header>
      {notice && <p className="notice ok">{notice}</p>}
      <ErrorBox error={error} />
      <div className="split">
        <div>
          <table className="grid" data-testid="trends-ops" data-window={opsWindow ?? undefined}>
            <thead>
              <tr>
                <th>#</th>
                <th>{t('trends.topic')}</th>
                <th>{t('trends.status')}</th>
                <th>{t('trends.users')}</th>
                <th>{t('trends.score')}</th>
                <th>{t('trends.trend')}</th>
                <th>{t('trends.reasons')}</th>
              </tr>
            </thead>
            <tbody>
              {ops?.items.length === 0 && (
                <tr>
                  <td colSpan={7} className="muted">
                    {t('common.empty')}
                  </td>
                </tr>
              )}
              {ops?.items.map((i) => (
                <tr key={i.topic} data-topic={i.topic} className={topic === i.topic ? 'active' : ''} onClick={() => setTopic(i.topic)}>
                  <td>{i.publicPosition ?? i.rank ?? '—'}</td>
                  <td>
                    <strong>#{i.topic}#</strong>
                    {i.aliases.length > 0 && <div className="muted small">= {i.aliases.map((a) => `#${a}#`).join(' ')}</div>}
                  </td>
                  <td>
                    <span className={`badge ${STATUS_CLASS[i.status]}`} data-status={i.status}>
                      {i.status}
                    </span>
                  </td>
                  <td>
                    {i.users}
                    {i.expected !== null && <div className="muted small">{t('trends.expected', { n: i.expected.toFixed(1) })}</div>}
                  </td>
                  <td>
                    {i.score.toFixed(2)}
                    {i.risingRatio !== null && <div className="muted small">×{i.risingRatio.toFixed(1)}</div>}
                  </td>
                  <td style={{ width: 120 }}>{i.sparkline.length > 0 && <Sparkline values={i.sparkline.map((p) => p.users)} />}</td>
                  <td className="small">{i.reasons.map((r) => r.detail || r.code).join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{t('trends.emerging')}</h3>
          <div className="chips" data-testid="emerging">
            {emerging.length === 0 && <span className="muted small">{t('common.empty')}</span>}
            {emerging.map((p) => (
              <span key={p.phrase} className="chip" title={`${p.authors} / ${p.expected.toFixed(1)}`}>
                {p.phrase} <span className="muted small">{p.authors}</span>
              </span>
            ))}
          </div>
        </div>
        <div className="detail">
          <div className="panel" data-testid="public-list">
            <h3>{t('trends.public')}</h3>
            <ol>
              {pub?.items.map((i) => (
                <li key={i.topic}>
                  #{i.topic}# {i.pinned && <span className="badge">{t('trends.pinned')}</span>} <span className="muted small">{i.users}</span>
                </li>
              ))}
            </ol>
          </div>
          {selected ? (
            <div className="panel" data-testid="guidance">
              <h3>#{selected.topic}#</h3>
              <p className="small muted">
                {selected.status}
                {selected.pinPosition ? ` · ${t('trends.pinnedAt', { n: selected.pinPosition })}` : ''}
                {selected.pinnedUntil ? ' → ' : ''}
                {selected.pinnedUntil && <Value v={selected.pinnedUntil} />}
              </p>
              <label className="wide">
                {t('common.reason')}
                <input name="guidanceReason" value={reason} onChange={(e) => setReason(e.target.value)} />
              </label>
              <div className="actions wrap">
                {selected.status === 'HELD' && (
                  <button className="primary" data-action="approve" disabled={!reason.trim()} onClick={() => guide('approve', selected.topic)}>
                    {t('trends.approve')}
                  </button>
                )}
                {selected.status === 'BLOCKED' ? (
                  <button data-action="unblock" disabled={!reason.trim()} onClick={() => guide('unblock', selected.topic)}>
                    {t('trends.unblock')}
                  </button>
                ) : (
                  <button className="danger" data-action="block" disabled={!reason.trim()} onClick={() => guide('block', selected.topic)}>
                    {t('trends.block')}
                  </button>
                )}
                {selected.pinPosition ? (
                  <button data-action="unpin" disabled={!reason.trim()} onClick={() => guide('unpin', selected.topic)}>
                    {t('trends.unpin')}
                  </button>
                ) : null}
              </div>
              <div className="inline-form">
                <label>
                  {t('trends.position')}
                  <input name="pinPosition" type="number" min={1} max={50} value={pinPosition} onChange={(e) => setPinPosition(e.target.value)} />
                </label>
                <label>
                  {t('trends.hours')}
                  <input name="pinHours" type="number" min={1} value={pinHours} onChange={(e) => setPinHours(e.target.value)} />
                </label>
                <button data-action="pin" disabled={!reason.trim()} onClick={() => guide('pin', selected.topic)}>
                  {t('trends.pin')}
                </button>
              </div>
              <div className="inline-form">
                <label>
                  {t('trends.mergeInto')}
                  <input name="mergeInto" value={mergeInto} placeholder="世界杯" onChange={(e) => setMergeInto(e.target.value)} />
                </label>
                <button data-action="merge" disabled={!reason.trim() || !mergeInto.trim()} onClick={() => guide('merge', selected.topic)}>
                  {t('trends.merge')}
                </button>
              </div>
              <h3>{t('trends.coreMembers')}</h3>
              {members === null && <p className="muted small">{t('common.loading')}</p>}
              {members?.length === 0 && <p className="muted small">{t('common.empty')}</p>}
              <ol className="small" data-testid="core-members">
                {members?.map((m) => (
                  <li key={m.userId}>
                    {m.userId} · {t('trends.reached', { n: m.reachedUsers })} · {m.posts} posts · {m.likes} likes · {m.comments} comments
                  </li>
                ))}
              </ol>
            </div>
          ) : (
            <p className="muted">{t('trends.pick')}</p>
          )}
          <div className="panel">
            <h3>{t('trends.log')}</h3>
            <ul className="small" data-testid="guidance-log">
              {log.map((l) => (
                <li key={l.id}>
                  <Value v={l.createdAt} /> · {l.actor} · {l.action} #{l.subjectId}# · {l.reason}
                </li>
              ))}
            </ul>
          </div>
        </div>
      </div>
    </section>
  );
}
