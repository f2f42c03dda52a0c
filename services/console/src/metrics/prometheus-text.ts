import { MetricsParseError } from './metrics-parse-error.ts';

/** One sample of the Prometheus text format: `name{label="value",...} value [timestamp]`. */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

const namePattern = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const labelNamePattern = /^[a-zA-Z_][a-zA-Z0-9_]*/;

/**
 * The samples of a Prometheus text-format (0.0.4) exposition, as prom-client writes it. Comments
 * (`# HELP`, `# TYPE`) and blank lines are skipped: the console needs the numbers, and a histogram's
 * `_bucket`, `_sum` and `_count` samples carry their own names. Values may be `NaN`, `+Inf` or `-Inf`;
 * label values unescape `\\`, `\"` and `\n`; a trailing timestamp is ignored.
 * @throws MetricsParseError naming the first line that is not a sample.
 */
export function parsePrometheusText(text: string): Sample[] {
  const samples: Sample[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (line === '' || line.startsWith('#')) continue;
    samples.push(parseSample(line, i + 1));
  }
  return samples;
}

function parseSample(line: string, lineNumber: number): Sample {
  const name = namePattern.exec(line)?.[0];
  if (name === undefined) throw new MetricsParseError(lineNumber, 'does not start with a metric name');
  let rest = line.slice(name.length);
  const labels: Record<string, string> = {};
  if (rest.startsWith('{')) {
    rest = rest.slice(1);
    for (;;) {
      rest = rest.trimStart();
      if (rest.startsWith('}')) {
        rest = rest.slice(1);
        break;
      }
      const labelName = labelNamePattern.exec(rest)?.[0];
      if (labelName === undefined) throw new MetricsParseError(lineNumber, 'expected a label name or "}"');
      rest = rest.slice(labelName.length).trimStart();
      if (!rest.startsWith('="')) {
        throw new MetricsParseError(lineNumber, `label ${labelName} has no ="value"`);
      }
      const value = readQuoted(rest.slice(1), lineNumber);
      labels[labelName] = value.text;
      rest = value.rest.trimStart();
      if (rest.startsWith(',')) rest = rest.slice(1);
      else if (!rest.startsWith('}'))
        throw new MetricsParseError(lineNumber, 'expected "," or "}" after a label');
    }
  }
  const fields = rest.trim().split(/\s+/);
  const raw = fields[0] ?? '';
  if (raw === '' || fields.length > 2) {
    throw new MetricsParseError(lineNumber, 'expected a value (and at most a timestamp) after the labels');
  }
  const value = parseValue(raw);
  if (value === undefined) throw new MetricsParseError(lineNumber, `"${raw}" is not a number`);
  return { name, labels, value };
}

/** A label value from its opening quote: the unescaped text, and what follows the closing quote. */
function readQuoted(from: string, lineNumber: number): { text: string; rest: string } {
  let text = '';
  for (let i = 1; i < from.length; i++) {
    const c = from[i];
    if (c === '"') return { text, rest: from.slice(i + 1) };
    if (c === '\\') {
      const next = from[i + 1];
      if (next === 'n') text += '\n';
      else if (next === '\\' || next === '"') text = `${text}${next}`;
      else throw new MetricsParseError(lineNumber, `unknown escape \\${next ?? ''} in a label value`);
      i++;
    } else text = `${text}${c ?? ''}`;
  }
  throw new MetricsParseError(lineNumber, 'a label value has no closing quote');
}

function parseValue(raw: string): number | undefined {
  if (raw === 'NaN') return NaN;
  if (raw === '+Inf' || raw === 'Inf') return Infinity;
  if (raw === '-Inf') return -Infinity;
  const value = Number(raw);
  return Number.isNaN(value) ? undefined : value;
}
