// Feed curation: a feed's pinned slots arranged by drag and drop, each with an optional start and
// end, and a live preview of the feed as the app shows it.
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api, ApiError, pageOf, type Account } from '../api';
import type { PlatformModel } from '../openapi';
import { useI18n } from '../i18n';
import { ErrorBox } from '../ui';
import { fromFormValue, toFormValue } from '../generated/fields';

interface Pin {
  itemId: string;
  startsAt: string; // datetime-local text
  endsAt: string;
}
interface FeedItem {
  id: string;
  title?: string;
  summary?: string;
  author?: string;
  type?: string;
  pinned?: boolean;
  publishedAt?: string;
  counts?: { views?: number; likes?: number; comments?: number };
}
const DT = { type: 'string', format: 'date-time' };

export function FeedCuration({ model }: { model: PlatformModel; account: Account }) {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const key = params.get('key') ?? 'home';
  const [keyDraft, setKeyDraft] = useState(key);
  const [pins, setPins] = useState<Pin[] | null>(null);
  const [title, setTitle] = useState('');
  const [preview, setPreview] = useState<FeedItem[] | null>(null);
  const [candidates, setCandidates] = useState<{ id: string; title?: string }[]>([]);
  const [newItem, setNewItem] = useState('');
  const [dragging, setDragging] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    setError(null);
    api<{ title?: string; pins?: { position: number; itemId: string; startsAt?: string; endsAt?: string }[] }>('GET', `/api/content/feeds/${encodeURIComponent(key)}/definition`)
      .then((r) => {
        setTitle(r.data.title ?? key);
        setPins(
          [...(r.data.pins ?? [])]
            .sort((a, b) => a.position - b.position)
            .map((p) => ({ itemId: p.itemId, startsAt: String(toFormValue(DT, p.startsAt)), endsAt: String(toFormValue(DT, p.endsAt)) })),
        );
      })
      .catch((e) => {
        setPins(e instanceof ApiError && e.status === 404 ? [] : null);
        setError(e);
      });
  }, [key]);

  useEffect(() => {
    api('GET', `/api/content/feeds/${encodeURIComponent(key)}`, { query: { limit: 10 } })
      .then((r) => setPreview(pageOf(r.data).items as unknown as FeedItem[]))
      .catch(() => setPreview([]));
  }, [key, version]);

  useEffect(() => {
    if (!model.find('GET', '/api/content/items')) return;
    api('GET', '/api/content/items', { query: { state: 'PUBLISHED', limit: 50 } })
      .then((r) => setCandidates(pageOf(r.data).items as { id: string; title?: string }[]))
      .catch(() => undefined);
  }, [model]);

  const move = (from: number, to: number) => {
    if (!pins || from === to) return;
    const next = [...pins];
    const [p] = next.splice(from, 1);
    next.splice(to, 0, p);
    setPins(next);
  };
  const save = async () => {
    if (!pins) return;
    setError(null);
    try {
      const body = {
        pins: pins.map((p, i) => ({ position: i + 1, itemId: p.itemId.trim(), startsAt: fromFormValue(DT, p.startsAt), endsAt: fromFormValue(DT, p.endsAt) })),
      };
      await api('PUT', `/api/content/feeds/${encodeURIComponent(key)}/pins`, { body });
      setNotice(t('common.saved'));
      setVersion((v) => v + 1);
    } catch (e) {
      setError(e);
    }
  };
  const titleOf = (id: string) => candidates.find((c) => c.id === id)?.title ?? preview?.find((p) => p.id === id)?.title;

  return (
    <section className="feeds">
      <header className="page-head">
        <h1>{t('menu.feeds')}</h1>
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            setParams({ key: keyDraft });
          }}
        >
          <label>
            {t('feed.key')}
            <input name="feedKey" value={keyDraft} onChange={(e) => setKeyDraft(e.target.value)} />
          </label>
          <button type="submit">{t('common.go')}</button>
        </form>
      </header>
      {notice && <p className="notice ok">{notice}</p>}
      <ErrorBox error={error} />
      <div className="split">
        <div>
          <h2>
            {title} · {t('feed.pins')}
          </h2>
          <ol className="pins">
            {pins?.map((p, i) => (
              <li
                key={`${p.itemId}-${i}`}
                className={`pin${dragging === i ? ' dragging' : ''}`}
                draggable
                data-index={i}
                onDragStart={(e) => {
                  setDragging(i);
                  e.dataTransfer.setData('text/plain', String(i));
                  e.dataTransfer.effectAllowed = 'move';
                }}
                onDragOver={(e) => e.preventDefault()}
                onDrop={(e) => {
                  e.preventDefault();
                  move(Number(e.dataTransfer.getData('text/plain')), i);
                  setDragging(null);
                }}
                onDragEnd={() => setDragging(null)}
              >
                <span className="handle" aria-hidden>
                  ⠿
                </span>
                <span className="pos">#{i + 1}</span>
                <span className="pin-title">{titleOf(p.itemId) ?? p.itemId}</span>
                <label>
                  {t('feed.startsAt')}
                  <input type="datetime-local" value={p.startsAt} onChange={(e) => setPins(pins.map((x, j) => (j === i ? { ...x, startsAt: e.target.value } : x)))} />
                </label>
                <label>
                  {t('feed.endsAt')}
                  <input type="datetime-local" value={p.endsAt} onChange={(e) => setPins(pins.map((x, j) => (j === i ? { ...x, endsAt: e.target.value } : x)))} />
                </label>
                <button type="button" onClick={() => setPins(pins.filter((_, j) => j !== i))} aria-label="remove">
                  ✕
                </button>
              </li>
            ))}
          </ol>
          <div className="inline-form">
            <label>
              {t('feed.addPin')}
              <input name="pinItem" list="pin-candidates" placeholder={t('feed.itemId')} value={newItem} onChange={(e) => setNewItem(e.target.value)} />
              <datalist id="pin-candidates">
                {candidates.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.title}
                  </option>
                ))}
              </datalist>
            </label>
            <button
              type="button"
              disabled={!newItem.trim()}
              onClick={() => {
                setPins([...(pins ?? []), { itemId: newItem.trim(), startsAt: '', endsAt: '' }]);
                setNewItem('');
              }}
            >
              +
            </button>
            <button type="button" className="primary" onClick={save} disabled={!pins}>
              {t('feed.savePins')}
            </button>
          </div>
        </div>
        <div>
          <h2>{t('feed.preview')}</h2>
          <div className="phone" data-testid="feed-preview">
            {preview === null && <p className="muted">{t('common.loading')}</p>}
            {preview?.length === 0 && <p className="muted">{t('common.empty')}</p>}
            {preview?.map((it) => (
              <div key={it.id} className="card-item" data-id={it.id}>
                {it.pinned && <span className="badge warn">{t('feed.pinned')}</span>}
                <strong>{it.title}</strong>
                {it.summary && <p>{it.summary}</p>}
                <small className="muted">
                  {it.author} · {it.type} · 👁 {it.counts?.views ?? 0} · ♥ {it.counts?.likes ?? 0}
                </small>
              </div>
            ))}
          </div>
        </div>
      </div>
    </section>
  );
}
