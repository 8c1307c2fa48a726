// Journeys: triggered flows (an event, a lifecycle stage change such as 流失预警 → 召回, membership
// expiring, content published) of send, wait and condition steps; the builder lays steps out in
// order, the detail shows the flow, its lifecycle actions and the funnel by step.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, hasAnyRole, pageOf, type Account } from '../api';
import type { PlatformModel } from '../openapi';
import { useI18n } from '../i18n';
import { Chart, ErrorBox } from '../ui';

type StepType = 'send' | 'wait' | 'condition';
interface Step {
  id?: string;
  key: string;
  type: StepType;
  template?: string;
  fallback?: string[];
  delay?: string;
  performed?: string;
  next?: string;
  yes?: string;
  no?: string;
}
interface Journey {
  id: string;
  key: string;
  name: string;
  status: string;
  trigger: Record<string, unknown>;
  audienceSegment?: string;
  goalEvent?: string;
  steps: Step[];
}
interface JourneyReport {
  entered: number;
  active: number;
  completed: number;
  exited: Record<string, number>;
  converted: number;
  conversionRate: number | null;
  steps: { key: string; type: string; reached: number; waiting: number; sent: number; converted: number; yes?: number; no?: number }[];
}
type TriggerType = 'event' | 'stage_changed' | 'membership_expiring' | 'content_published';
const STAGES = ['new', 'active', 'silent', 'at_risk', 'churned', 'resurrected'];
const ACTIONS: Record<string, string[]> = { DRAFT: ['activate', 'archive'], ACTIVE: ['pause', 'archive'], PAUSED: ['activate', 'archive'] };

function describeTrigger(t: Record<string, unknown>): string {
  switch (t.type) {
    case 'event':
      return `event ${String(t.event)}`;
    case 'stage_changed':
      return `stage → ${(t.to as string[] | undefined)?.join(', ')}`;
    case 'membership_expiring':
      return `membership expiring ${(t.daysBefore as number[] | undefined)?.join('/')} d`;
    case 'content_published':
      return `content published ${(t.categories as string[] | undefined)?.join(', ') ?? ''}`;
    default:
      return JSON.stringify(t);
  }
}

export function Journeys({ model, account }: { model: PlatformModel; account: Account }) {
  const { t } = useI18n();
  const [rows, setRows] = useState<Journey[] | null>(null);
  const [current, setCurrent] = useState<string | null>(null);
  const [building, setBuilding] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(() => {
    api('GET', '/api/push/journeys', { query: { limit: 100 } })
      .then((r) => setRows(pageOf(r.data).items as unknown as Journey[]))
      .catch(setError);
  }, []);
  useEffect(reload, [reload]);
  return (
    <section className="journeys">
      <header className="page-head">
        <h1>{t('menu.journeys')}</h1>
        <div className="spacer" />
        {hasAnyRole(account, model.find('POST', '/api/push/journeys')?.roles) && (
          <button className="primary" data-action="new-journey" onClick={() => (setBuilding(true), setCurrent(null))}>
            {t('journey.new')}
          </button>
        )}
        <button onClick={reload}>{t('common.refresh')}</button>
      </header>
      <ErrorBox error={error} />
      <div className="split">
        <div className="queue">
          {rows?.map((j) => (
            <div key={j.key} className={`queue-item${current === j.key ? ' active' : ''}`} data-journey={j.key} onClick={() => (setCurrent(j.key), setBuilding(false))}>
              <div>
                <strong>{j.name}</strong> <span className="badge">{j.status}</span>
                <div className="muted small">
                  {describeTrigger(j.trigger)} · {j.steps.length} steps
                </div>
              </div>
            </div>
          ))}
        </div>
        <div className="detail">
          {building && <Builder onCreated={(key) => (setBuilding(false), setCurrent(key), reload())} />}
          {!building && current && <Detail key={current} journeyKey={current} model={model} account={account} onChanged={reload} />}
          {!building && !current && <p className="muted">{t('journey.pick')}</p>}
        </div>
      </div>
    </section>
  );
}

function Flow({ steps }: { steps: Step[] }) {
  return (
    <ol className="flow" data-testid="journey-flow">
      {steps.map((s) => (
        <li key={s.key} className={`flow-step ${s.type}`} data-step={s.key}>
          <strong>{s.type}</strong> <span className="muted small">{s.key}</span>
          <div className="small">
            {s.type === 'send' && `${s.template}${s.fallback?.length ? ` (→ ${s.fallback.join(', ')})` : ''}`}
            {s.type === 'wait' && s.delay}
            {s.type === 'condition' && `${s.performed ? `performed ${s.performed}` : 'rule'}: yes → ${s.yes ?? 'end'}, no → ${s.no ?? 'end'}`}
            {s.type !== 'condition' && s.next && <span className="muted"> → {s.next}</span>}
          </div>
        </li>
      ))}
    </ol>
  );
}

function Builder({ onCreated }: { onCreated: (key: string) => void }) {
  const { t } = useI18n();
  const [templates, setTemplates] = useState<{ key: string; name: string; channel: string }[]>([]);
  const [segments, setSegments] = useState<{ key: string; name: string }[]>([]);
  const [key, setKey] = useState('');
  const [name, setName] = useState('');
  const [triggerType, setTriggerType] = useState<TriggerType>('stage_changed');
  const [event, setEvent] = useState('signup');
  const [stages, setStages] = useState<string[]>(['at_risk']);
  const [days, setDays] = useState('7,3,1');
  const [categories, setCategories] = useState('');
  const [audience, setAudience] = useState('');
  const [goal, setGoal] = useState('app_open');
  const [steps, setSteps] = useState<Step[]>([
    { key: 'recall', type: 'send', template: '', fallback: ['IN_APP'] },
    { key: 'wait-3d', type: 'wait', delay: 'P3D' },
    { key: 'came-back', type: 'condition', performed: 'app_open' },
    { key: 'offer', type: 'send', template: '' },
  ]);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    api('GET', '/api/push/templates', { query: { limit: 100 } }).then((r) => setTemplates(pageOf(r.data).items as never), setError);
    api('GET', '/api/push/segments', { query: { limit: 100 } }).then((r) => setSegments(pageOf(r.data).items as never), setError);
  }, []);

  const trigger = () => {
    switch (triggerType) {
      case 'event':
        return { type: 'event', event };
      case 'stage_changed':
        return { type: 'stage_changed', to: stages };
      case 'membership_expiring':
        return { type: 'membership_expiring', daysBefore: days.split(',').map((d) => Number(d.trim())).filter((d) => !Number.isNaN(d)) };
      case 'content_published':
        return { type: 'content_published', ...(categories.trim() ? { categories: categories.split(',').map((c) => c.trim()) } : {}) };
    }
  };

  // steps run in the order laid out: each leads to the next; a condition continues on "no" (the contact did not convert)
  const linked = (): Step[] =>
    steps.map((s, i) => {
      const next = steps[i + 1]?.key;
      const base: Step = { key: s.key, type: s.type };
      if (s.type === 'send') return { ...base, template: s.template, ...(s.fallback?.length ? { fallback: s.fallback } : {}), ...(next ? { next } : {}) };
      if (s.type === 'wait') return { ...base, delay: s.delay, ...(next ? { next } : {}) };
      return { ...base, performed: s.performed, ...(next ? { no: next } : {}) };
    });

  const update = (i: number, patch: Partial<Step>) => setSteps(steps.map((s, j) => (j === i ? { ...s, ...patch } : s)));

  const submit = async () => {
    setError(null);
    try {
      const r = await api<Journey>('POST', '/api/push/journeys', {
        body: { key, name, trigger: trigger(), audienceSegment: audience || undefined, goalEvent: goal || undefined, steps: linked() },
      });
      onCreated(r.data.key);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <article className="builder" data-testid="journey-builder">
      <h2>{t('journey.new')}</h2>
      <div className="form-grid">
        <label>
          key
          <input name="journeyKey" value={key} onChange={(e) => setKey(e.target.value)} placeholder="recall-at-risk-v2" />
        </label>
        <label>
          {t('campaign.name')}
          <input name="journeyName" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          {t('journey.trigger')}
          <select name="triggerType" value={triggerType} onChange={(e) => setTriggerType(e.target.value as TriggerType)}>
            <option value="event">{t('journey.trigger.event')}</option>
            <option value="stage_changed">{t('journey.trigger.stage')}</option>
            <option value="membership_expiring">{t('journey.trigger.expiring')}</option>
            <option value="content_published">{t('journey.trigger.content')}</option>
          </select>
        </label>
        {triggerType === 'event' && (
          <label>
            event
            <input name="triggerEvent" value={event} onChange={(e) => setEvent(e.target.value)} />
          </label>
        )}
        {triggerType === 'membership_expiring' && (
          <label>
            {t('journey.daysBefore')}
            <input name="daysBefore" value={days} onChange={(e) => setDays(e.target.value)} />
          </label>
        )}
        {triggerType === 'content_published' && (
          <label>
            {t('journey.categories')}
            <input name="categories" value={categories} onChange={(e) => setCategories(e.target.value)} />
          </label>
        )}
        <label>
          {t('journey.audience')}
          <select name="audienceSegment" value={audience} onChange={(e) => setAudience(e.target.value)}>
            <option value="">—</option>
            {segments.map((s) => (
              <option key={s.key} value={s.key}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('campaign.goal')}
          <input name="journeyGoal" value={goal} onChange={(e) => setGoal(e.target.value)} />
        </label>
      </div>
      {triggerType === 'stage_changed' && (
        <div className="chips">
          {STAGES.map((s) => (
            <label key={s} className="chip">
              <input type="checkbox" name={`stage-${s}`} checked={stages.includes(s)} onChange={() => setStages(stages.includes(s) ? stages.filter((x) => x !== s) : [...stages, s])} /> {s}
            </label>
          ))}
        </div>
      )}
      <h3>{t('journey.steps')}</h3>
      {steps.map((s, i) => (
        <div key={i} className="variant" data-step-index={i}>
          <label>
            key
            <input name={`step-${i}-key`} value={s.key} size={10} onChange={(e) => update(i, { key: e.target.value })} />
          </label>
          <label>
            {t('journey.stepType')}
            <select name={`step-${i}-type`} value={s.type} onChange={(e) => update(i, { type: e.target.value as StepType })}>
              <option value="send">send</option>
              <option value="wait">wait</option>
              <option value="condition">condition</option>
            </select>
          </label>
          {s.type === 'send' && (
            <label>
              {t('campaign.template')}
              <select name={`step-${i}-template`} value={s.template ?? ''} onChange={(e) => update(i, { template: e.target.value })}>
                <option value="">—</option>
                {templates.map((tp) => (
                  <option key={tp.key} value={tp.key}>
                    {tp.channel} · {tp.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          {s.type === 'wait' && (
            <label>
              {t('journey.delay')}
              <input name={`step-${i}-delay`} value={s.delay ?? ''} size={6} onChange={(e) => update(i, { delay: e.target.value })} />
            </label>
          )}
          {s.type === 'condition' && (
            <label>
              {t('journey.performed')}
              <input name={`step-${i}-performed`} value={s.performed ?? ''} onChange={(e) => update(i, { performed: e.target.value })} />
            </label>
          )}
          <button onClick={() => setSteps(steps.filter((_, j) => j !== i))}>✕</button>
        </div>
      ))}
      <button onClick={() => setSteps([...steps, { key: `step-${steps.length + 1}`, type: 'send', template: '' }])}>{t('journey.addStep')}</button>
      <p className="muted small">{t('journey.hint')}</p>
      <Flow steps={linked()} />
      <ErrorBox error={error} />
      <div className="actions">
        <button className="primary" data-action="create-journey" onClick={submit}>
          {t('common.create')}
        </button>
      </div>
    </article>
  );
}

function Detail({ journeyKey, model, account, onChanged }: { journeyKey: string; model: PlatformModel; account: Account; onChanged: () => void }) {
  const { t } = useI18n();
  const [journey, setJourney] = useState<Journey | null>(null);
  const [etag, setEtag] = useState<string | null>(null);
  const [report, setReport] = useState<JourneyReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const path = `/api/push/journeys/${encodeURIComponent(journeyKey)}`;
  const load = useCallback(() => {
    api<Journey>('GET', path).then((r) => (setJourney(r.data), setEtag(r.etag)), setError);
    const op = model.find('GET', '/api/push/reports/journeys/{id}');
    if (op && hasAnyRole(account, op.roles)) api<JourneyReport>('GET', `/api/push/reports/journeys/${encodeURIComponent(journeyKey)}`).then((r) => setReport(r.data), setError);
  }, [path]); // eslint-disable-line
  useEffect(load, [load]);

  const act = async (action: string) => {
    setError(null);
    try {
      const r = await api<Journey>('POST', `${path}/${action}`, { ifMatch: etag });
      setJourney(r.data);
      setEtag(r.etag);
      setNotice(`${action}: ${t('common.done')}`);
      onChanged();
    } catch (e) {
      setError(e);
    }
  };

  const funnel = useMemo(
    () =>
      report && {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 50, right: 10, top: 30, bottom: 40 },
        xAxis: { type: 'category', data: report.steps.map((s) => s.key), axisLabel: { interval: 0, rotate: 20 } },
        yAxis: { type: 'value' },
        series: [
          { name: t('journey.reached'), type: 'bar', data: report.steps.map((s) => s.reached) },
          { name: t('report.sent'), type: 'bar', data: report.steps.map((s) => s.sent) },
          { name: t('report.converted'), type: 'bar', data: report.steps.map((s) => s.converted) },
        ],
      },
    [report], // eslint-disable-line
  );

  if (!journey) return error ? <ErrorBox error={error} /> : <p className="muted">{t('common.loading')}</p>;
  return (
    <article className="review-item" data-status={journey.status}>
      <h2>
        {journey.name} <span className="badge">{journey.status}</span>
      </h2>
      <p className="muted small">
        {journey.key} · {describeTrigger(journey.trigger)}
        {journey.audienceSegment ? ` · ${journey.audienceSegment}` : ''}
        {journey.goalEvent ? ` · goal ${journey.goalEvent}` : ''}
      </p>
      <div className="actions">
        {(ACTIONS[journey.status.toUpperCase()] ?? []).map((a) => (
          <button key={a} data-action={a} className={a === 'activate' ? 'primary' : a === 'archive' ? 'danger' : ''} onClick={() => act(a)}>
            {t(`journey.action.${a}` as 'journey.action.activate')}
          </button>
        ))}
      </div>
      {notice && <p className="notice ok">{notice}</p>}
      <ErrorBox error={error} />
      <Flow steps={journey.steps} />
      {report && (
        <section data-testid="journey-report">
          <h3>{t('report.title')}</h3>
          <p className="small">
            {t('journey.entered')} {report.entered} · {t('journey.active')} {report.active} · {t('journey.completed')} {report.completed} · {t('report.converted')}{' '}
            {report.converted}
            {Object.entries(report.exited).map(([reason, n]) => (
              <span key={reason} className="badge">
                {reason}: {n}
              </span>
            ))}
          </p>
          {funnel && <Chart option={funnel} height={220} testId="journey-funnel" />}
        </section>
      )}
    </article>
  );
}
