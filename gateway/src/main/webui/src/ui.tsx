import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, FunnelChart, HeatmapChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, TitleComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { ApiError } from './api';
import { useI18n } from './i18n';

echarts.use([BarChart, FunnelChart, HeatmapChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, TitleComponent, CanvasRenderer]);

export function ErrorBox({ error, hideFields }: { error: unknown; hideFields?: boolean }) {
  const { t } = useI18n();
  if (!error) return null;
  if (error instanceof ApiError) {
    return (
      <div className="error-box" role="alert">
        <strong>
          {error.status} {error.title}
        </strong>
        {error.detail && <div>{error.detail}</div>}
        {!hideFields && error.errors.length > 0 && (
          <ul>
            {error.errors.map((e, i) => (
              <li key={i}>
                <code>{e.field}</code> {e.message}
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  }
  return (
    <div className="error-box" role="alert">
      <strong>{t('common.error')}</strong> {String((error as Error)?.message ?? error)}
    </div>
  );
}

/** An ECharts chart that follows its option and the container's size. */
export function Chart({ option, height = 280, testId }: { option: echarts.EChartsCoreOption; height?: number; testId?: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!el.current) return;
    chart.current = echarts.init(el.current);
    const ro = new ResizeObserver(() => chart.current?.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);
  return <div ref={el} className="chart" data-testid={testId} style={{ height }} />;
}

/** A small inline sparkline chart. */
export function Sparkline({ values }: { values: number[] }) {
  return (
    <Chart
      height={32}
      option={{
        grid: { left: 0, right: 0, top: 2, bottom: 2 },
        xAxis: { type: 'category', show: false, data: values.map((_, i) => i) },
        yAxis: { type: 'value', show: false },
        series: [{ type: 'line', data: values, symbol: 'none', smooth: true, areaStyle: { opacity: 0.2 } }],
      }}
    />
  );
}
