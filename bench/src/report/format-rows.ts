import type { Measurement } from '../section.ts';

/** A section's figures as aligned text lines, with what explains each beside it. */
export function formatRows(rows: readonly Measurement[]): string {
  const width = Math.max(0, ...rows.map((row) => row.name.length));
  return rows
    .map((row) => {
      const value = row.value >= 100 ? row.value.toFixed(0) : row.value.toPrecision(3);
      // Short details beside the figure; long ones (settings tried, samples) only in the JSON.
      const json = row.detail ? JSON.stringify(row.detail) : '';
      const detail = json && json.length <= 100 ? `  ${json}` : '';
      return `  ${row.name.padEnd(width)}  ${value.padStart(9)} ${row.unit}${detail}\n`;
    })
    .join('');
}
