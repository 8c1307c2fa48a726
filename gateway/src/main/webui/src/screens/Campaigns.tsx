// Campaigns: the builder (audience, channels with fallback, A/B variants with templates and a
// holdout, schedule in a time zone, goal), template preview for a contact, the campaign's lifecycle
// actions and test send, and its report (delivery funnel per variant, uplift against the holdout).
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, hasAnyRole, pageOf, type Account } from '../api';
import type { PlatformModel } from '../openapi';
import { useI18n } from '../i18n';
import { Chart, ErrorBox } from '../ui';
import { Value } from '../generated/fields';
import { CampaignReport } from './CampaignReport';

const CHANNELS = ['PUSH', 'IN_APP', 'EMAIL', 'SMS'] as const;
type ChannelName = (typeof CHANNELS)[number];

interface Template {
  key: string;
  name: string;
  channel: ChannelName;
}
interface Segment {
  key: string;
  name: string;
  memberCount?: number | null;
}
interface Variant {
  key: string;
  percent: number;
  templates: Partial<Record<ChannelName, string>>;
}
interface Campaign {
  id: string;
  key: string;
  name: string;
  status: string;
  actions: string[];
  segments: string[];
  exclusions: string[];
  channels: ChannelName[];
  variants: Variant[];
  holdoutPercent?: number;
  schedule: Record<string, unknown>;
  goalEvent?: string;
  goalWindowHours: number;
  nextRunAt?: string;
  counts?: Record<string, number>;
  updatedAt: string;
}
interface Rendered {
  channel: string;
  locale: string;
  title?: string;
  body?: string;
  subject?: string;
  html?: string;
  deepLink?: string;
  headers?: Record<string, string>;
}

export function Campaigns({ model, account }: { model: PlatformModel; account: Account }) {
  const { t } = useI18n();
  const [rows, setRows] = useState<Campaign[] | null>(null);
  const [current, setCurrent] = useState<string | null>(null);
  const [building, setBuilding] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const canCreate = hasAnyRole(account, model.find('POST', '/api/push/campaigns')?.roles);

  const reload = useCallback(() => {
    api('GET', '/api/push/campaigns', { query: { limit: 100 } })
      .then((r) => setRows(pageOf(r.data).items as unknown as Campaign[]))
      .catch(setError);
  }, []);
  useEffect(reload, [reload]);

  return (
    <section className="campaigns">
      <header className="page-head">
        <h1>{t('menu.campaigns')}</h1>
        <div className="spacer" />
        {canCreate && (
          <button
            className="primary"
            data-action="new-campaign"
            onClick={() => {
              setBuilding(true);
              setCurrent(null);
            }}
          >
            {t('campaign.new')}
          </button>
        )}
        <button onClick={reload}>{t('common.refresh')}</button>
      </header>
      <ErrorBox error={error} />
      <div className="split">
        <div className="queue">
          {rows && rows.length === 0 && <p className="muted">{t('common.empty')}</p>}
          {rows?.map((c) => (
            <div
              key={c.key}
              className={`queue-item${current === c.key ? ' active' : ''}`}
              data-campaign={c.key}
              onClick={() => {
                setCurrent(c.key);
                setBuilding(false);
              }}
            >
              <div>
                <strong>{c.name}</strong> <span className="badge">{c.status}</span>
                <div className="muted small">
                  {c.key} · {c.channels.join(' → ')} · {c.variants.map((v) => `${v.key} ${v.percent}%`).join(' / ')}
                  {c.holdoutPercent ? ` · holdout ${c.holdoutPercent}%` : ''}
                </div>
              </div>
            </div>
          ))}
        </div>
        <div className="detail">
          {building && (
            <Builder
              onCreated={(key) => {
                setBuilding(false);
                setCurrent(key);
                reload();
              }}
            />
          )}
          {!building && current && <Detail key={current} campaignKey={current} model={model} account={account} onChanged={reload} />}
          {!building && !current && <p className="muted">{t('campaign.pick')}</p>}
        </div>
      </div>
    </section>
  );
}

function isoIn(hours: number) {
  const d = new Date(Date.now() + hours * 3600e3);
  d.setUTCSeconds(0, 0);
  return d.toISOString().replace('.000', '');
}

function Builder({ onCreated }: { onCreated: (key: string) => void }) {
  const { t } = useI18n();
  const [segments, setSegments] = useState<Segment[]>([]);
  const [templates, setTemplates] = useState<Template[]>([]);
  const [key, setKey] = useState('');
  const [name, setName] = useState('');
  const [audience, setAudience] = useState<string[]>([]);
  const [exclusions, setExclusions] = useState<string[]>([]);
  const [channels, setChannels] = useState<ChannelName[]>(['PUSH', 'IN_APP']);
  const [variants, setVariants] = useState<Variant[]>([
    { key: 'A', percent: 50, templates: {} },
    { key: 'B', percent: 50, templates: {} },
  ]);
  const [holdout, setHoldout] = useState('10');
  const [kind, setKind] = useState<'NOW' | 'AT' | 'LOCAL_TIME' | 'CRON'>('LOCAL_TIME');
  const [at, setAt] = useState(isoIn(24));
  const [localDate, setLocalDate] = useState(new Date(Date.now() + 864e5).toISOString().slice(0, 10));
  const [localTime, setLocalTime] = useState('09:00');
  const [cron, setCron] = useState('0 0 10 ? * MON');
  const [zone, setZone] = useState('Asia/Shanghai');
  const [goalEvent, setGoalEvent] = useState('purchase');
  const [goalHours, setGoalHours] = useState('72');
  const [error, setError] = useState<unknown>(null);
  const [preview, setPreview] = useState<{ template: string; externalId: string; result?: Rendered; error?: unknown }>({ template: '', externalId: '' });

  useEffect(() => {
    api('GET', '/api/push/segments', { query: { limit: 100 } }).then((r) => setSegments(pageOf(r.data).items as unknown as Segment[]), setError);
    api('GET', '/api/push/templates', { query: { limit: 100 } }).then((r) => setTemplates(pageOf(r.data).items as unknown as Template[]), setError);
  }, []);

  const percentTotal = variants.reduce((s, v) => s + (Number(v.percent) || 0), 0);
  const toggle = (list: string[], value: string) => (list.includes(value) ? list.filter((x) => x !== value) : [...list, value]);
  const moveChannel = (c: ChannelName, by: number) => {
    const i = channels.indexOf(c);
    const j = i + by;
    if (i < 0 || j < 0 || j >= channels.length) return;
    const next = [...channels];
    [next[i], next[j]] = [next[j], next[i]];
    setChannels(next);
  };

  const schedule = () => {
    switch (kind) {
      case 'NOW':
        return { kind };
      case 'AT':
        return { kind, at };
      case 'LOCAL_TIME':
        return { kind, localDate, localTime };
      case 'CRON':
        return { kind, cron, zone };
    }
  };

  const submit = async () => {
    setError(null);
    try {
      const r = await api<Campaign>('POST', '/api/push/campaigns', {
        body: {
          key,
          name,
          segments: audience,
          exclusions,
          channels,
          variants: variants.map((v) => ({ key: v.key, percent: Number(v.percent), templates: Object.fromEntries(Object.entries(v.templates).filter(([c, k]) => k && channels.includes(c as ChannelName))) })),
          holdoutPercent: holdout === '' ? undefined : Number(holdout),
          schedule: schedule(),
          goalEvent: goalEvent || undefined,
          goalWindowHours: goalHours ? Number(goalHours) : undefined,
        },
      });
      onCreated(r.data.key);
    } catch (e) {
      setError(e);
    }
  };

  const runPreview = async () => {
    setPreview({ ...preview, result: undefined, error: undefined });
    try {
      const r = await api<Rendered>('POST', `/api/push/templates/${encodeURIComponent(preview.template)}/preview`, { body: { externalId: preview.externalId } });
      setPreview({ ...preview, result: r.data, error: undefined });
    } catch (e) {
      setPreview({ ...preview, result: undefined, error: e });
    }
  };

  return (
    <article className="builder" data-testid="campaign-builder">
      <h2>{t('campaign.new')}</h2>
      <div className="form-grid">
        <label>
          key
          <input name="key" value={key} onChange={(e) => setKey(e.target.value)} placeholder="recall-at-risk-1201" />
        </label>
        <label>
          {t('campaign.name')}
          <input name="name" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
      </div>

      <h3>{t('campaign.audience')}</h3>
      <div className="chips" data-testid="audience">
        {segments.map((s) => (
          <label key={s.key} className="chip">
            <input type="checkbox" name={`segment-${s.key}`} checked={audience.includes(s.key)} onChange={() => setAudience(toggle(audience, s.key))} /> {s.name}
            <span className="muted small"> {s.memberCount ?? ''}</span>
          </label>
        ))}
      </div>
      <p className="muted small">{t('campaign.exclusions')}</p>
      <div className="chips">
        {segments.map((s) => (
          <label key={s.key} className="chip">
            <input type="checkbox" name={`exclude-${s.key}`} checked={exclusions.includes(s.key)} onChange={() => setExclusions(toggle(exclusions, s.key))} /> {s.name}
          </label>
        ))}
      </div>

      <h3>{t('campaign.channels')}</h3>
      <div className="chips">
        {CHANNELS.map((c) => (
          <label key={c} className="chip">
            <input type="checkbox" name={`channel-${c}`} checked={channels.includes(c)} onChange={() => setChannels(channels.includes(c) ? channels.filter((x) => x !== c) : [...channels, c])} /> {c}
          </label>
        ))}
      </div>
      <ol className="fallback" data-testid="fallback">
        {channels.map((c, i) => (
          <li key={c}>
            {c} {i > 0 && <span className="muted small">({t('campaign.fallback')})</span>}
            <button aria-label="up" disabled={i === 0} onClick={() => moveChannel(c, -1)}>
              ↑
            </button>
            <button aria-label="down" disabled={i === channels.length - 1} onClick={() => moveChannel(c, 1)}>
              ↓
            </button>
          </li>
        ))}
      </ol>

      <h3>
        {t('campaign.variants')} <span className={`badge ${percentTotal === 100 ? 'ok' : 'warn'}`}>{percentTotal}%</span>
      </h3>
      {variants.map((v, i) => (
        <div key={i} className="variant" data-variant={v.key}>
          <label>
            {t('campaign.variant')}
            <input name={`variant-${i}-key`} value={v.key} size={4} onChange={(e) => setVariants(variants.map((x, j) => (j === i ? { ...x, key: e.target.value } : x)))} />
          </label>
          <label>
            %
            <input name={`variant-${i}-percent`} type="number" min={1} max={100} value={v.percent} onChange={(e) => setVariants(variants.map((x, j) => (j === i ? { ...x, percent: Number(e.target.value) } : x)))} />
          </label>
          {channels.map((c) => (
            <label key={c}>
              {c}
              <select
                name={`variant-${i}-${c}`}
                value={v.templates[c] ?? ''}
                onChange={(e) => {
                  setVariants(variants.map((x, j) => (j === i ? { ...x, templates: { ...x.templates, [c]: e.target.value } } : x)));
                  if (e.target.value) setPreview({ ...preview, template: e.target.value });
                }}
              >
                <option value="">—</option>
                {templates
                  .filter((tp) => tp.channel === c)
                  .map((tp) => (
                    <option key={tp.key} value={tp.key}>
                      {tp.name}
                    </option>
                  ))}
              </select>
            </label>
          ))}
          {variants.length > 1 && <button onClick={() => setVariants(variants.filter((_, j) => j !== i))}>✕</button>}
        </div>
      ))}
      <button onClick={() => setVariants([...variants, { key: String.fromCharCode(65 + variants.length), percent: 0, templates: {} }])}>{t('campaign.addVariant')}</button>
      <div className="form-grid">
        <label>
          {t('campaign.holdout')}
          <input name="holdoutPercent" type="number" min={0} max={50} value={holdout} onChange={(e) => setHoldout(e.target.value)} />
        </label>
      </div>

      <h3>{t('campaign.preview')}</h3>
      <div className="form-grid">
        <label>
          {t('campaign.template')}
          <select name="previewTemplate" value={preview.template} onChange={(e) => setPreview({ ...preview, template: e.target.value })}>
            <option value="">—</option>
            {templates.map((tp) => (
              <option key={tp.key} value={tp.key}>
                {tp.channel} · {tp.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('campaign.contact')}
          <input name="previewContact" value={preview.externalId} placeholder="external id" onChange={(e) => setPreview({ ...preview, externalId: e.target.value })} />
        </label>
        <label>
          &nbsp;
          <button disabled={!preview.template || !preview.externalId} data-action="preview" onClick={runPreview}>
            {t('campaign.render')}
          </button>
        </label>
      </div>
      <ErrorBox error={preview.error} />
      {preview.result && <RenderedMessage message={preview.result} />}

      <h3>{t('campaign.schedule')}</h3>
      <div className="form-grid">
        <label>
          {t('campaign.when')}
          <select name="scheduleKind" value={kind} onChange={(e) => setKind(e.target.value as 'NOW')}>
            <option value="NOW">{t('campaign.now')}</option>
            <option value="AT">{t('campaign.at')}</option>
            <option value="LOCAL_TIME">{t('campaign.localTime')}</option>
            <option value="CRON">{t('campaign.cron')}</option>
          </select>
        </label>
        {kind === 'AT' && (
          <label>
            UTC
            <input name="at" value={at} onChange={(e) => setAt(e.target.value)} />
          </label>
        )}
        {kind === 'LOCAL_TIME' && (
          <>
            <label>
              {t('campaign.date')}
              <input name="localDate" type="date" value={localDate} onChange={(e) => setLocalDate(e.target.value)} />
            </label>
            <label>
              {t('campaign.time')}
              <input name="localTime" type="time" value={localTime} onChange={(e) => setLocalTime(e.target.value)} />
            </label>
          </>
        )}
        {kind === 'CRON' && (
          <>
            <label>
              cron
              <input name="cron" value={cron} onChange={(e) => setCron(e.target.value)} />
            </label>
            <label>
              {t('campaign.zone')}
              <input name="zone" value={zone} onChange={(e) => setZone(e.target.value)} />
            </label>
          </>
        )}
      </div>
      <p className="muted small">{t('campaign.rulesHint')}</p>
      <div className="form-grid">
        <label>
          {t('campaign.goal')}
          <input name="goalEvent" value={goalEvent} onChange={(e) => setGoalEvent(e.target.value)} />
        </label>
        <label>
          {t('campaign.goalHours')}
          <input name="goalWindowHours" type="number" min={1} value={goalHours} onChange={(e) => setGoalHours(e.target.value)} />
        </label>
      </div>
      <ErrorBox error={error} />
      <div className="actions">
        <button className="primary" data-action="create-campaign" onClick={submit}>
          {t('common.create')}
        </button>
      </div>
    </article>
  );
}

function RenderedMessage({ message }: { message: Rendered }) {
  return (
    <div className="rendered" data-testid="rendered">
      <p className="small muted">
        {message.channel} · {message.locale} {message.deepLink ? `· ${message.deepLink}` : ''}
      </p>
      {message.subject && <strong>{message.subject}</strong>}
      {message.title && <strong>{message.title}</strong>}
      {message.body && <p>{message.body}</p>}
      {message.html && <iframe title="email" sandbox="" srcDoc={message.html} className="email-frame" />}
      {message.headers && Object.keys(message.headers).length > 0 && (
        <pre className="small">
          {Object.entries(message.headers)
            .map(([k, v]) => `${k}: ${v}`)
            .join('\n')}
        </pre>
      )}
    </div>
  );
}

function Detail({ campaignKey, model, account, onChanged }: { campaignKey: string; model: PlatformModel; account: Account; onChanged: () => void }) {
  const { t } = useI18n();
  const [campaign, setCampaign] = useState<Campaign | null>(null);
  const [etag, setEtag] = useState<string | null>(null);
  const [seeds, setSeeds] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const path = `/api/push/campaigns/${encodeURIComponent(campaignKey)}`;

  const load = useCallback(() => {
    api<Campaign>('GET', path)
      .then((r) => {
        setCampaign(r.data);
        setEtag(r.etag);
      })
      .catch(setError);
  }, [path]);
  useEffect(load, [load]);

  const act = async (action: string) => {
    setError(null);
    setNotice(null);
    try {
      const r = await api<Campaign>('POST', `${path}/${action}`, { ifMatch: etag });
      setCampaign(r.data);
      setEtag(r.etag);
      setNotice(`${action}: ${t('common.done')}`);
      onChanged();
    } catch (e) {
      setError(e);
    }
  };

  const testSend = async () => {
    setError(null);
    try {
      await api('POST', `${path}/test`, { body: { externalIds: seeds.split(/[\s,]+/).filter(Boolean) } });
      setNotice(`${t('campaign.testSend')}: ${t('common.done')}`);
      load();
    } catch (e) {
      setError(e);
    }
  };

  const countsOption = useMemo(() => {
    const entries = Object.entries(campaign?.counts ?? {});
    return {
      tooltip: {},
      grid: { left: 90, right: 20, top: 10, bottom: 20 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: entries.map(([k]) => k) },
      series: [{ type: 'bar', data: entries.map(([, v]) => v) }],
    };
  }, [campaign]);

  if (!campaign) return error ? <ErrorBox error={error} /> : <p className="muted">{t('common.loading')}</p>;
  const reportOp = model.find('GET', '/api/push/reports/campaigns/{id}');
  return (
    <article className="review-item" data-status={campaign.status}>
      <h2>
        {campaign.name} <span className="badge">{campaign.status}</span>
      </h2>
      <p className="muted small">
        {campaign.key} · {campaign.segments.join(', ')}
        {campaign.exclusions.length ? ` − ${campaign.exclusions.join(', ')}` : ''} · {campaign.channels.join(' → ')} · {String(campaign.schedule.kind)}{' '}
        {String(campaign.schedule.localDate ?? '')} {String(campaign.schedule.localTime ?? campaign.schedule.at ?? campaign.schedule.cron ?? '')}
        {campaign.nextRunAt && (
          <>
            {' '}
            · {t('campaign.nextRun')} <Value v={campaign.nextRunAt} />
          </>
        )}
      </p>
      <div className="actions">
        {campaign.actions.map((a) => (
          <button key={a} data-action={a} className={a === 'launch' ? 'primary' : a === 'cancel' ? 'danger' : ''} onClick={() => act(a)}>
            {t(`campaign.action.${a}` as 'campaign.action.launch')}
          </button>
        ))}
      </div>
      {notice && <p className="notice ok">{notice}</p>}
      <ErrorBox error={error} />
      <h3>{t('campaign.deliveries')}</h3>
      {Object.keys(campaign.counts ?? {}).length > 0 ? <Chart option={countsOption} height={160} testId="campaign-counts" /> : <p className="muted small">{t('common.empty')}</p>}
      <h3>{t('campaign.testSend')}</h3>
      <div className="inline-form">
        <input name="seeds" value={seeds} placeholder="user-10086, user-10087" onChange={(e) => setSeeds(e.target.value)} />
        <button disabled={!seeds.trim()} data-action="test-send" onClick={testSend}>
          {t('campaign.testSend')}
        </button>
      </div>
      {reportOp && hasAnyRole(account, reportOp.roles) && <CampaignReport campaignId={campaign.id} />}
    </article>
  );
}
