// Active users, retention cohort heat map, funnel chart and RFM distribution (push-service analytics).
import { useEffect, useMemo, useState } from 'react';
import { api, type Account } from '../api';
import type { PlatformModel } from '../openapi';
import { useI18n } from '../i18n';
import { Chart, ErrorBox } from '../ui';

interface Retention {
  days: number[];
  cohorts: { cohort: string; size: number; retained: { day: number; count: number | null; rate: number | null }[] }[];
}
interface Active {
  days: { day: string; dau: number; wau: number; mau: number }[];
}
interface Funnel {
  steps: { step: number; event: string; contacts: number; fromStart: number; fromPrevious: number }[];
  overallConversion: number;
}
interface Rfm {
  scored: number;
  groups: { group: string; contacts: number; share: number }[];
  grid: { r: number; fm: number; contacts: number }[];
}

function isoDay(d: Date) {
  return d.toISOString().slice(0, 10);
}

export function Analytics({ model }: { model: PlatformModel; account: Account }) {
  const { t } = useI18n();
  const [retention, setRetention] = useState<Retention | null>(null);
  const [active, setActive] = useState<Active | null>(null);
  const [rfm, setRfm] = useState<Rfm | null>(null);
  const [funnel, setFunnel] = useState<Funnel | null>(null);
  const [steps, setSteps] = useState('app_open, view_item, add_to_cart, purchase');
  const [windowHours, setWindowHours] = useState('72');
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    api<Retention>('GET', '/api/push/analytics/retention', { query: { days: '1,7,30', from: isoDay(new Date(Date.now() - 30 * 864e5)) } })
      .then((r) => setRetention(r.data))
      .catch(setError);
    if (model.find('GET', '/api/push/analytics/active')) api<Active>('GET', '/api/push/analytics/active').then((r) => setActive(r.data), setError);
    if (model.find('GET', '/api/push/rfm/summary')) api<Rfm>('GET', '/api/push/rfm/summary').then((r) => setRfm(r.data), setError);
  }, [model]);

  const runFunnel = async () => {
    setError(null);
    try {
      const r = await api<Funnel>('POST', '/api/push/analytics/funnels', {
        body: {
          steps: steps.split(',').map((s) => ({ event: s.trim() })).filter((s) => s.event),
          from: new Date(Date.now() - 30 * 864e5).toISOString(),
          to: new Date().toISOString(),
          windowHours: Number(windowHours),
        },
      });
      setFunnel(r.data);
    } catch (e) {
      setError(e);
    }
  };
  useEffect(() => {
    if (model.find('POST', '/api/push/analytics/funnels')) runFunnel();
  }, []); // eslint-disable-line

  const heat = useMemo(() => {
    if (!retention) return null;
    const cohorts = retention.cohorts.map((c) => `${c.cohort} (${c.size})`);
    const data = retention.cohorts.flatMap((c, y) => c.retained.map((r, x) => [x, y, r.rate === null ? '-' : Math.round(r.rate * 1000) / 10]));
    return {
      tooltip: { position: 'top' },
      grid: { left: 140, right: 20, top: 10, bottom: 60 },
      xAxis: { type: 'category', data: retention.days.map((d) => `D${d}`), splitArea: { show: true } },
      yAxis: { type: 'category', data: cohorts, splitArea: { show: true } },
      visualMap: { min: 0, max: 100, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 80 },
      series: [{ type: 'heatmap', data, label: { show: true, formatter: (p: { value: unknown[] }) => (p.value[2] === '-' ? '' : `${p.value[2]}%`) } }],
    };
  }, [retention]);
  const activeOpt = useMemo(
    () =>
      active && {
        tooltip: { trigger: 'axis' },
        legend: { data: ['DAU', 'WAU', 'MAU'] },
        grid: { left: 40, right: 20, top: 30, bottom: 30 },
        xAxis: { type: 'category', data: active.days.map((d) => d.day) },
        yAxis: { type: 'value', minInterval: 1 },
        series: (['dau', 'wau', 'mau'] as const).map((k) => ({ name: k.toUpperCase(), type: 'line', smooth: true, data: active.days.map((d) => d[k]) })),
      },
    [active],
  );
  const funnelOpt = useMemo(
    () =>
      funnel && {
        tooltip: { trigger: 'item' },
        series: [
          {
            type: 'funnel',
            sort: 'none',
            left: '10%',
            width: '80%',
            minSize: '10%',
            label: { show: true, position: 'inside', formatter: (p: { name: string; value: number; data: { pct: number } }) => `${p.name}: ${p.value} (${p.data.pct}%)` },
            data: funnel.steps.map((s) => ({ name: s.event, value: s.contacts, pct: Math.round(s.fromPrevious * 1000) / 10 })),
          },
        ],
      },
    [funnel],
  );
  const rfmOpt = useMemo(
    () =>
      rfm && {
        tooltip: {},
        grid: { left: 40, right: 20, top: 20, bottom: 60 },
        xAxis: { type: 'category', data: rfm.groups.map((g) => g.group), axisLabel: { rotate: 30 } },
        yAxis: { type: 'value', minInterval: 1 },
        series: [{ type: 'bar', data: rfm.groups.map((g) => g.contacts) }],
      },
    [rfm],
  );

  const rfmGridOpt = useMemo(
    () =>
      rfm && {
        tooltip: { position: 'top' },
        grid: { left: 50, right: 20, top: 10, bottom: 60 },
        xAxis: { type: 'category', name: 'FM', data: [1, 2, 3, 4, 5].map(String), splitArea: { show: true } },
        yAxis: { type: 'category', name: 'R', data: [1, 2, 3, 4, 5].map(String), splitArea: { show: true } },
        visualMap: { min: 0, max: Math.max(1, ...rfm.grid.map((c) => c.contacts)), calculable: true, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 80 },
        series: [{ type: 'heatmap', data: rfm.grid.map((c) => [c.fm - 1, c.r - 1, c.contacts]), label: { show: true } }],
      },
    [rfm],
  );

  return (
    <section className="analytics">
      <h1>{t('menu.analytics')}</h1>
      <ErrorBox error={error} />
      <div className="charts">
        <div className="panel">
          <h2>{t('analytics.active')}</h2>
          {activeOpt && <Chart option={activeOpt} testId="chart-active" />}
        </div>
        <div className="panel">
          <h2>{t('analytics.retention')}</h2>
          {heat && <Chart option={heat} testId="chart-retention" />}
        </div>
        <div className="panel">
          <h2>{t('analytics.funnel')}</h2>
          <div className="inline-form">
            <input aria-label="funnel steps" value={steps} onChange={(e) => setSteps(e.target.value)} />
            <input aria-label="window hours" type="number" min={1} max={2160} value={windowHours} onChange={(e) => setWindowHours(e.target.value)} />
            <button onClick={runFunnel}>{t('common.refresh')}</button>
          </div>
          {funnelOpt && <Chart option={funnelOpt} testId="chart-funnel" />}
          {funnel && <p className="muted">overall {Math.round(funnel.overallConversion * 1000) / 10}%</p>}
        </div>
        <div className="panel">
          <h2>{t('analytics.rfm')}</h2>
          {rfm && <p className="muted">scored: {rfm.scored}</p>}
          {rfmOpt && <Chart option={rfmOpt} testId="chart-rfm" />}
          {rfmGridOpt && <Chart option={rfmGridOpt} height={240} testId="chart-rfm-grid" />}
        </div>
      </div>
    </section>
  );
}
