import { modeRules } from '../compatibility-mode.ts';
import type { Direction } from '../resolution/index.ts';
import type { CheckReport, Comparison, RegistryResult, SubjectCheck } from './check-report.ts';

/** The report as lines for a person: one line per untouched subject, a block per changed one. */
export function formatCheckReport(report: CheckReport): string[] {
  const lines = [header(report)];
  const transitiveOffline = report.subjects.some(
    (s) => modeRules[s.mode].transitive && s.baseline.state === 'changed' && s.registry === undefined,
  );
  if (transitiveOffline) {
    lines.push(
      `*_TRANSITIVE modes cover every earlier version; without the registry only the one at ${report.baseline} is at hand.`,
    );
  }
  lines.push('');
  for (const subject of report.subjects) lines.push(...formatSubject(subject, report));
  for (const subject of report.removed) {
    lines.push(
      `note ${subject}: no schema in the working tree any more (was in ${report.baseline}); not checked`,
    );
  }
  const failed = report.subjects.filter((s) => !s.passed).length;
  lines.push(
    '',
    failed === 0
      ? `All ${count(report.subjects.length, 'subject')} compatible.`
      : `${failed} of ${count(report.subjects.length, 'subject')} incompatible. Apply the fixes above, then run \`npm run schemas:check\` again.`,
  );
  return lines;
}

function header(report: CheckReport): string {
  const what = `Checking ${count(report.subjects.length, 'subject')} against ${report.baseline}`;
  switch (report.registry.state) {
    case 'not-asked':
      return `${what}.`;
    case 'online':
      return `${what} and the schema registry at ${report.registry.url}.`;
    case 'unreachable':
      return `${what} only: ${report.registry.reason}. Checking offline (start the registry with \`npm start\` to check registered versions too).`;
  }
}

function formatSubject(check: SubjectCheck, report: CheckReport): string[] {
  const title = `${check.passed ? 'PASS' : 'FAIL'} ${check.subject} (${check.mode})`;
  const registry = check.registry;
  const blocks: string[] = [];
  const brief: string[] = [];

  if (check.baseline.state === 'changed') {
    blocks.push(`  changed since ${report.baseline}`);
    blocks.push(...formatComparisons(check.baseline.comparisons, check));
  } else {
    const knownToRegistry = registry !== undefined && registry.state !== 'new';
    brief.push(
      check.baseline.state === 'unchanged'
        ? `unchanged since ${report.baseline}`
        : knownToRegistry
          ? `not in ${report.baseline}`
          : 'new subject',
    );
  }

  if (registry?.state === 'checked') {
    const versions = `registry version${registry.versions.length === 1 ? '' : 's'} ${registry.versions.join(', ')}`;
    const same = registry.sameAsBaseline;
    if (same.length === registry.versions.length) {
      blocks.push(`  ${versions}: same as ${report.baseline}, checked above`);
    } else {
      const note = same.length === 0 ? '' : ` (${same.join(', ')} same as ${report.baseline}, checked above)`;
      blocks.push(`  ${versions}${note}:`, ...formatComparisons(registry.comparisons, check));
    }
    blocks.push(`  registry verdict: ${verdict(registry)}`);
  } else if (registry) {
    brief.push(
      registry.state === 'new'
        ? 'not in the registry yet'
        : `already registered as version ${registry.version} (id ${registry.id})`,
    );
  }

  if (blocks.length === 0) return [`${title}: ${brief.join('; ')}`];
  const deploy = modeRules[check.mode].deployOrder;
  return [
    brief.length > 0 ? `${title}: ${brief.join('; ')}` : title,
    ...blocks,
    check.passed ? `  deploy: ${deploy}` : `  once fixed, deploy: ${deploy}`,
  ];
}

function formatComparisons(comparisons: readonly Comparison[], check: SubjectCheck): string[] {
  if (check.mode === 'NONE') return ['    mode NONE: not checked'];
  return comparisons.flatMap((c) => {
    const head = `    ${describeDirection(c.direction, c.against)}`;
    if (c.violations.length === 0) return [`${head}: compatible`];
    return [
      `${head}: ${count(c.violations.length, 'violation')}`,
      ...c.violations.flatMap((v) => [`      ${v.path}: ${v.message}`, `        fix: ${v.fix}`]),
    ];
  });
}

function describeDirection(direction: Direction, against: string): string {
  return direction === 'backward'
    ? `backward (new schema reads data written with ${against})`
    : `forward (${against} reads data written with the new schema)`;
}

function verdict(registry: Extract<RegistryResult, { state: 'checked' }>): string {
  const said = registry.verdict.compatible ? 'compatible' : 'incompatible';
  if (registry.verdict.counted) return said;
  return `${said} under its current level ${registry.verdict.level ?? 'unknown'}; not counted, since \`npm run schemas:register\` sets the configured mode first`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
