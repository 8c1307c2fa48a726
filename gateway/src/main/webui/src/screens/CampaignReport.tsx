// A campaign's review (复盘): delivery funnel per variant beside the holdout, uplift with its
// significance, failures and drops by reason, and activity per hour.
import { useEffect, useMemo, useState } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n';
import { Chart, ErrorBox } from '../ui';

interface Group {
  group: string;
  holdout: boolean;
  audience: number;
  sent: number;
  delivered: number;
  opened: number;
  clicked: number;
  converted: number | null;
  rates: { converted: number | null; opened: number | null; clicked: number | null };
  uplift: { absolute: number; relative: number | null; z: number | null; pValue: number | null; significant: boolean } | null;
}
interface Report {
  runs: string[];
  groups: Group[];
  statuses: Record<string, number>;
  failures: { reason: string; count: number }[];
  drops: { reason: string; count: number }[];
  series: { hour: string; sent: number; opened: number; clicked: number }[];
}

const STAGES = ['audience', 'sent', 'delivered', 'opened', 'clicked', 'converted'] as const;
const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);

export function CampaignReport({ campaignId }: { campaignId: string }) {
  const { t } = useI18n();
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    api<Report>('GET', `/api/push/reports/campaigns/${campaignId}`).then((r) => setReport(r.data), setError);
  }, [campaignId]);

  const funnel = useMemo(
    () =>
      report && {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 50, right: 10, top: 30, bottom: 25 },
        xAxis: { type: 'category', data: STAGES.map((s) => t(`report.${s}` as 'report.sent')) },
        yAxis: { type: 'value' },
        series: report.groups.map((g) => ({
          name: g.holdout ? `${g.group} (${t('report.holdout')})` : g.group,
          type: 'bar',
          data: STAGES.map((s) => (g.holdout && s !== 'audience' && s !== 'converted' ? 0 : (g[s] ?? 0))),
        })),
      },
    [report], // eslint-disable-line
  );
  const hourly = useMemo(
    () =>
      report && {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 50, right: 10, top: 30, bottom: 25 },
        xAxis: { type: 'time' },
        yAxis: { type: 'value' },
        series: (['sent', 'opened', 'clicked'] as const).map((k) => ({ name: t(`report.${k}`), type: 'line', data: report.series.map((p) => [p.hour, p[k]]) })),
      },
    [report], // eslint-disable-line
  );

  if (error) return <ErrorBox error={error} />;
  if (!report) return <p className="muted">{t('common.loading')}</p>;
  return (
    <section className="report" data-testid="campaign-report">
      <h3>{t('report.title')}</h3>
      <p className="muted small">
        {t('report.runs')}: {report.runs.length}
      </p>
      {funnel && <Chart option={funnel} height={240} testId="report-funnel" />}
      <table className="grid" data-testid="report-groups">
        <thead>
          <tr>
            <th>{t('report.group')}</th>
            <th>{t('report.audience')}</th>
            <th>{t('report.sent')}</th>
            <th>{t('report.opened')}</th>
            <th>{t('report.clicked')}</th>
            <th>{t('report.converted')}</th>
            <th>{t('report.uplift')}</th>
          </tr>
        </thead>
        <tbody>
          {report.groups.map((g) => (
            <tr key={g.group} data-group={g.group}>
              <td>
                {g.group} {g.holdout && <span className="badge">{t('report.holdout')}</span>}
              </td>
              <td>{g.audience}</td>
              <td>{g.holdout ? '—' : g.sent}</td>
              <td>{g.holdout ? '—' : `${g.opened} (${pct(g.rates.opened)})`}</td>
              <td>{g.holdout ? '—' : `${g.clicked} (${pct(g.rates.clicked)})`}</td>
              <td>
                {g.converted ?? '—'} ({pct(g.rates.converted)})
              </td>
              <td>
                {g.uplift ? (
                  <>
                    {(g.uplift.absolute * 100).toFixed(1)} pt {g.uplift.relative !== null && `(${(g.uplift.relative * 100).toFixed(0)}%)`}{' '}
                    <span className={`badge ${g.uplift.significant ? 'ok' : ''}`}>{g.uplift.significant ? t('report.significant') : `p=${g.uplift.pValue?.toFixed(2) ?? '—'}`}</span>
                  </>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {(report.failures.length > 0 || report.drops.length > 0) && (
        <div className="reasons small">
          {report.failures.map((f) => (
            <span key={`f-${f.reason}`} className="badge warn">
              {t('report.failed')} {f.reason}: {f.count}
            </span>
          ))}
          {report.drops.map((d) => (
            <span key={`d-${d.reason}`} className="badge">
              {t('report.dropped')} {d.reason}: {d.count}
            </span>
          ))}
        </div>
      )}
      {hourly && report.series.length > 0 && <Chart option={hourly} height={200} testId="report-hourly" />}
    </section>
  );
}
