import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { createPlatformMetrics } from '../src/platform-metrics.ts';
import { metricNames } from '../src/metric-names.ts';

const dashboardPath = fileURLToPath(
  new URL('../../../docs/grafana/saga-platform-dashboard.json', import.meta.url),
);

interface Target {
  readonly expr?: string;
}
interface Panel {
  readonly type: string;
  readonly title: string;
  readonly targets?: readonly Target[];
  readonly panels?: readonly Panel[];
  readonly datasource?: { readonly type: string; readonly uid: string };
}
interface Dashboard {
  readonly title: string;
  readonly uid: string;
  readonly schemaVersion: number;
  readonly panels: readonly Panel[];
  readonly templating: { readonly list: readonly { name: string; type: string; query: unknown }[] };
}

/** Every name a scrape of the platform can show: its metrics, with a histogram's series suffixes. */
async function registeredSeries(): Promise<Set<string>> {
  const metrics = await createPlatformMetrics().registry.getMetricsAsJSON();
  return new Set(
    metrics.flatMap(({ name, type }) =>
      String(type) === 'histogram' ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name],
    ),
  );
}

/** The metric names a PromQL expression selects: identifiers followed by a selector `{` or a range `[`. */
function metricsIn(expr: string): string[] {
  return [...expr.matchAll(/([a-zA-Z_:][\w:]*)\s*(?=[{[])/g)].map((m) => m[1] ?? '');
}

describe('the Grafana dashboard (docs/grafana/saga-platform-dashboard.json)', () => {
  const dashboard = JSON.parse(readFileSync(dashboardPath, 'utf8')) as Dashboard;
  const panels = dashboard.panels.flatMap((panel) => [panel, ...(panel.panels ?? [])]);
  const exprs = panels.flatMap((panel) =>
    (panel.targets ?? []).map((t) => ({ panel: panel.title, expr: t.expr ?? '' })),
  );

  it('is a Grafana dashboard model with a Prometheus datasource variable its panels use', () => {
    expect(dashboard).to.include({ uid: 'saga-platform' });
    expect(dashboard.schemaVersion).to.be.a('number');
    const datasource = dashboard.templating.list.find((v) => v.type === 'datasource');
    expect(datasource).to.include({ query: 'prometheus' });
    for (const panel of panels.filter((p) => p.type !== 'row'))
      expect(panel.datasource, panel.title).to.deep.equal({
        type: 'prometheus',
        uid: `\${${datasource?.name ?? ''}}`,
      });
  });

  it('queries only metrics the platform registers, so a rename cannot leave a panel empty', async () => {
    const registered = await registeredSeries();
    expect(exprs).to.not.be.empty;
    for (const { panel, expr } of exprs) {
      const used = metricsIn(expr);
      expect(used, `${panel}: ${expr} selects no metric`).to.not.be.empty;
      for (const name of used)
        expect(registered.has(name), `${panel}: ${name} is not registered`).to.equal(true);
    }
  });

  it('shows every platform metric somewhere', () => {
    const used = new Set(
      exprs.flatMap(({ expr }) => metricsIn(expr)).map((name) => name.replace(/_(bucket|sum|count)$/, '')),
    );
    for (const name of Object.values(metricNames)) expect(used.has(name), name).to.equal(true);
  });
});
