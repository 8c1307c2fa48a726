// Segment rule builder with a live count (POST /api/push/segments/preview) and save.
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, pageOf, type Account } from '../api';
import type { PlatformModel } from '../openapi';
import { useI18n } from '../i18n';
import { ErrorBox } from '../ui';
import { resLink } from '../generated/ResourceScreens';

// The rule language's vocabulary (push-service segment rules): attribute fields and their operators.
const ATTRIBUTES: Record<string, { ops: string[]; values?: string[] }> = {
  platform: { ops: ['eq', 'ne', 'in', 'not_in', 'exists'], values: ['IOS', 'ANDROID', 'HARMONY', 'WEB', 'MINI_PROGRAM'] },
  region: { ops: ['eq', 'ne', 'in', 'not_in', 'starts_with', 'contains', 'exists', 'not_exists'] },
  locale: { ops: ['eq', 'ne', 'in', 'starts_with'] },
  timeZone: { ops: ['eq', 'ne', 'in'] },
  acquisitionChannel: { ops: ['eq', 'ne', 'in', 'not_in', 'exists', 'not_exists'] },
  gender: { ops: ['eq', 'ne', 'in', 'exists', 'not_exists'], values: ['FEMALE', 'MALE', 'OTHER', 'UNDISCLOSED'] },
  ageBand: { ops: ['eq', 'ne', 'in', 'exists', 'not_exists'] },
  membershipTier: { ops: ['eq', 'ne', 'in', 'exists', 'not_exists'] },
  membershipExpiresAt: { ops: ['within_next_days', 'more_than_days_ahead', 'within_last_days', 'more_than_days_ago', 'exists', 'not_exists'] },
  signedUpAt: { ops: ['within_last_days', 'more_than_days_ago'] },
  lastSeenAt: { ops: ['within_last_days', 'more_than_days_ago', 'exists', 'not_exists'] },
  'lifecycle.stage': { ops: ['eq', 'ne', 'in'], values: ['new', 'active', 'silent', 'at_risk', 'churned', 'resurrected'] },
  'rfm.recency': { ops: ['eq', 'gte', 'lte', 'between'] },
  'rfm.frequency': { ops: ['eq', 'gte', 'lte', 'between'] },
  'rfm.monetary': { ops: ['eq', 'gte', 'lte', 'between'] },
};
const EVENT_OPS = ['performed', 'not_performed', 'gte', 'gt', 'lt', 'lte', 'eq'];

interface Cond {
  kind: 'attribute' | 'event';
  field: string;
  op: string;
  value: string;
  count: string;
  withinDays: string;
}

function toRule(mode: 'all' | 'any', conds: Cond[]): unknown {
  const parts = conds.map((c) => {
    if (c.kind === 'event') {
      const e: Record<string, unknown> = { event: c.field, op: c.op };
      if (!['performed', 'not_performed'].includes(c.op)) e.count = Number(c.count || 1);
      if (c.withinDays) e.withinDays = Number(c.withinDays);
      return e;
    }
    const a: Record<string, unknown> = { attribute: c.field, op: c.op };
    if (c.op === 'exists' || c.op === 'not_exists') return a;
    if (/days/.test(c.op)) a.value = Number(c.value);
    else if (c.op === 'in' || c.op === 'not_in') a.value = c.value.split(',').map((x) => x.trim()).filter(Boolean);
    else if (c.op === 'between') a.value = c.value.split(',').map((x) => Number(x.trim()));
    else if (/^rfm\./.test(c.field)) a.value = Number(c.value);
    else a.value = c.value;
    return a;
  });
  return { [mode]: parts };
}

export function Segments({ model }: { model: PlatformModel; account: Account }) {
  const { t } = useI18n();
  const [mode, setMode] = useState<'all' | 'any'>('all');
  const [conds, setConds] = useState<Cond[]>([{ kind: 'attribute', field: 'platform', op: 'eq', value: 'IOS', count: '', withinDays: '' }]);
  const [count, setCount] = useState<number | null>(null);
  const [countError, setCountError] = useState<unknown>(null);
  const [meta, setMeta] = useState({ key: '', name: '', materialised: false });
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [saved, setSaved] = useState<{ key: string; name?: string }[]>([]);
  const seq = useRef(0);
  const rule = toRule(mode, conds);
  const ruleText = JSON.stringify(rule);

  useEffect(() => {
    const n = ++seq.current;
    const timer = setTimeout(() => {
      api<{ count: number }>('POST', '/api/push/segments/preview', { body: { rule } })
        .then((r) => n === seq.current && (setCount(r.data.count), setCountError(null)))
        .catch((e) => n === seq.current && (setCount(null), setCountError(e)));
    }, 300);
    return () => clearTimeout(timer);
  }, [ruleText]); // eslint-disable-line

  const loadSaved = () =>
    api('GET', '/api/push/segments', { query: { limit: 50 } })
      .then((r) => setSaved(pageOf(r.data).items as { key: string; name?: string }[]))
      .catch(() => undefined);
  useEffect(() => {
    loadSaved();
  }, []);

  const save = async () => {
    setError(null);
    try {
      await api('POST', '/api/push/segments', { body: { ...meta, rule } });
      setNotice(`${meta.key}: ${t('common.saved')}`);
      loadSaved();
    } catch (e) {
      setError(e);
    }
  };
  const set = (i: number, patch: Partial<Cond>) => setConds(conds.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const fieldErrors = (countError as { errors?: { field: string; message: string }[] } | null)?.errors ?? [];

  return (
    <section className="segments">
      <header className="page-head">
        <h1>{t('menu.segments')}</h1>
        <div className="spacer" />
        <div className="big-number" data-testid="segment-count">
          <small>{t('segments.count')}</small>
          <strong>{count ?? '—'}</strong>
        </div>
      </header>
      {notice && <p className="notice ok">{notice}</p>}
      <ErrorBox error={error} />
      <div className="panel">
        <h2>
          {t('segments.builder')}{' '}
          <select aria-label="match" value={mode} onChange={(e) => setMode(e.target.value as 'all' | 'any')}>
            <option value="all">all (AND)</option>
            <option value="any">any (OR)</option>
          </select>
        </h2>
        {conds.map((c, i) => (
          <div className="cond" key={i} data-cond={i}>
            <select aria-label="kind" value={c.kind} onChange={(e) => set(i, e.target.value === 'event' ? { kind: 'event', field: 'purchase', op: 'performed' } : { kind: 'attribute', field: 'platform', op: 'eq', value: '' })}>
              <option value="attribute">attribute</option>
              <option value="event">event</option>
            </select>
            {c.kind === 'attribute' ? (
              <>
                <select aria-label="field" value={c.field} onChange={(e) => set(i, { field: e.target.value, op: ATTRIBUTES[e.target.value].ops[0], value: '' })}>
                  {Object.keys(ATTRIBUTES).map((f) => (
                    <option key={f}>{f}</option>
                  ))}
                </select>
                <select aria-label="op" value={c.op} onChange={(e) => set(i, { op: e.target.value })}>
                  {ATTRIBUTES[c.field].ops.map((o) => (
                    <option key={o}>{o}</option>
                  ))}
                </select>
                {!['exists', 'not_exists'].includes(c.op) && (
                  <input aria-label="value" list={`values-${i}`} value={c.value} placeholder={c.op.includes('in') || c.op === 'between' ? 'a, b' : ''} onChange={(e) => set(i, { value: e.target.value })} />
                )}
                <datalist id={`values-${i}`}>
                  {ATTRIBUTES[c.field].values?.map((v) => (
                    <option key={v} value={v} />
                  ))}
                </datalist>
              </>
            ) : (
              <>
                <input aria-label="event" value={c.field} onChange={(e) => set(i, { field: e.target.value })} />
                <select aria-label="op" value={c.op} onChange={(e) => set(i, { op: e.target.value })}>
                  {EVENT_OPS.map((o) => (
                    <option key={o}>{o}</option>
                  ))}
                </select>
                {!['performed', 'not_performed'].includes(c.op) && <input aria-label="count" type="number" min={0} value={c.count} placeholder="count" onChange={(e) => set(i, { count: e.target.value })} />}
                <input aria-label="within days" type="number" min={1} value={c.withinDays} placeholder="within days" onChange={(e) => set(i, { withinDays: e.target.value })} />
              </>
            )}
            <button onClick={() => setConds(conds.filter((_, j) => j !== i))} aria-label="remove" disabled={conds.length === 1}>
              ✕
            </button>
            {fieldErrors
              .filter((f) => f.field.includes(`[${i}]`))
              .map((f) => (
                <small key={f.field} className="error">
                  {f.message}
                </small>
              ))}
          </div>
        ))}
        <button onClick={() => setConds([...conds, { kind: 'attribute', field: 'region', op: 'eq', value: '', count: '', withinDays: '' }])}>+ condition</button>
        {countError && fieldErrors.length === 0 ? <ErrorBox error={countError} /> : null}
        <pre className="rule muted">{JSON.stringify(rule, null, 1)}</pre>
      </div>
      <div className="panel inline-form wrap">
        <label>
          key
          <input name="key" value={meta.key} placeholder="gold-buyers-sh" onChange={(e) => setMeta({ ...meta, key: e.target.value })} />
        </label>
        <label>
          name
          <input name="name" value={meta.name} onChange={(e) => setMeta({ ...meta, name: e.target.value })} />
        </label>
        <label>
          <input type="checkbox" checked={meta.materialised} onChange={(e) => setMeta({ ...meta, materialised: e.target.checked })} /> materialised
        </label>
        <button className="primary" onClick={save} disabled={!model.find('POST', '/api/push/segments')}>
          {t('common.save')}
        </button>
      </div>
      {saved.length > 0 && (
        <ul className="chips">
          {saved.map((s) => (
            <li key={s.key}>
              <Link to={resLink(`/api/push/segments/${s.key}`)}>{s.name ?? s.key}</Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
