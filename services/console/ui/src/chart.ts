import { h, svg } from './dom.ts';

export interface Line {
  readonly label: string;
  readonly className: string;
  readonly points: readonly { readonly at: number; readonly value: number | null }[];
}

const width = 600;
const height = 160;
const pad = { left: 44, right: 8, top: 8, bottom: 20 };

/**
 * A small line chart as inline SVG (no chart library, nothing loaded): time along the bottom, the
 * values' range up the side; a missing value (no saga finished in that step) breaks the line.
 */
export function lineChart(title: string, lines: readonly Line[], unit: string): HTMLElement {
  const all = lines.flatMap((l) => l.points);
  const values = all.map((p) => p.value).filter((v): v is number => v !== null);
  if (values.length === 0)
    return h(
      'figure',
      { class: 'chart' },
      h('figcaption', {}, title),
      h('p', { class: 'muted' }, 'No data yet.'),
    );
  const times = all.map((p) => p.at);
  const t0 = Math.min(...times);
  const t1 = Math.max(t0 + 1, ...times);
  const max = Math.max(...values) || 1;
  const x = (at: number) => pad.left + ((at - t0) / (t1 - t0)) * (width - pad.left - pad.right);
  const y = (v: number) => height - pad.bottom - (v / max) * (height - pad.top - pad.bottom);
  const path = (line: Line) => {
    let d = '';
    let pen = 'M';
    for (const p of line.points) {
      if (p.value === null) {
        pen = 'M';
        continue;
      }
      d += `${pen}${x(p.at).toFixed(1)},${y(p.value).toFixed(1)} `;
      pen = 'L';
    }
    return d.trim();
  };
  return h(
    'figure',
    { class: 'chart' },
    h('figcaption', {}, title),
    svg(
      'svg',
      { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title },
      svg('line', { x1: pad.left, y1: y(0), x2: width - pad.right, y2: y(0), class: 'axis' }),
      svg(
        'text',
        { x: pad.left - 4, y: y(max) + 4, class: 'tick', 'text-anchor': 'end' },
        `${formatTick(max)}${unit}`,
      ),
      svg('text', { x: pad.left - 4, y: y(0), class: 'tick', 'text-anchor': 'end' }, `0`),
      svg('text', { x: pad.left, y: height - 4, class: 'tick' }, new Date(t0).toLocaleTimeString()),
      svg(
        'text',
        { x: width - pad.right, y: height - 4, class: 'tick', 'text-anchor': 'end' },
        new Date(t1).toLocaleTimeString(),
      ),
      lines.map((line) => svg('path', { d: path(line), class: `series ${line.className}` })),
    ),
    h(
      'div',
      { class: 'legend' },
      lines.map((line) => h('span', { class: `key ${line.className}` }, line.label)),
    ),
  );
}

const formatTick = (v: number) => (v >= 10 ? String(Math.round(v)) : v.toFixed(2));
