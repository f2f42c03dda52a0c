import { modeFor, type CompatibilityConfig } from '../compatibility-config.ts';
import { modeRules, type CompatibilityMode } from '../compatibility-mode.ts';
import type { RegistryClient } from '../registry/index.ts';
import { compareSchemas } from '../resolution/index.ts';
import { RegistryUnreachableError } from '../schema-tools-error.ts';
import { sameSchema, schemaText } from '../schema-json.ts';
import type { SubjectSchema } from '../source/subject-schema.ts';
import type {
  BaselineResult,
  CheckReport,
  Comparison,
  RegistryResult,
  RegistryState,
  SubjectCheck,
} from './check-report.ts';

export interface CheckOptions {
  /** The schemas as they are now (the working tree). */
  readonly schemas: readonly SubjectSchema[];
  /** The same topics at an earlier point, usually a git ref; `label` names it in the report. */
  readonly baseline: { readonly label: string; readonly schemas: readonly SubjectSchema[] };
  readonly compatibility: CompatibilityConfig;
  /** Also check against every registered version the mode covers. If it does not answer, the check goes on offline. */
  readonly registry?: RegistryClient;
}

/**
 * Checks every schema against its baseline version and, when a registry answers, against its
 * registered versions, in the directions its compatibility mode asks for. Returns the findings;
 * printing them and choosing an exit code is the caller's job.
 */
export async function checkSchemas({
  schemas,
  baseline,
  compatibility,
  registry,
}: CheckOptions): Promise<CheckReport> {
  const registryState = await reach(registry);
  const online = registryState.state === 'online' ? registry : undefined;
  const before = new Map(baseline.schemas.map((s) => [s.subject, s]));
  const subjects: SubjectCheck[] = [];
  for (const current of schemas) {
    const mode = modeFor(compatibility, current.subject);
    const previous = before.get(current.subject);
    const baselineResult: BaselineResult = !previous
      ? { state: 'new' }
      : sameSchema(previous.schema, current.schema)
        ? { state: 'unchanged' }
        : { state: 'changed', comparisons: compare(current.schema, previous.schema, mode, baseline.label) };
    const registryResult = online ? await checkRegistered(online, current, previous, mode) : undefined;
    subjects.push({
      subject: current.subject,
      topic: current.topic,
      mode,
      baseline: baselineResult,
      ...(registryResult ? { registry: registryResult } : {}),
      passed: passes(baselineResult) && (registryResult === undefined || passes(registryResult)),
    });
  }
  const current = new Set(schemas.map((s) => s.subject));
  return {
    baseline: baseline.label,
    registry: registryState,
    subjects,
    removed: baseline.schemas.map((s) => s.subject).filter((s) => !current.has(s)),
    passed: subjects.every((s) => s.passed),
  };
}

async function reach(registry: RegistryClient | undefined): Promise<RegistryState> {
  if (!registry) return { state: 'not-asked' };
  try {
    await registry.probe();
    return { state: 'online', url: registry.url };
  } catch (error) {
    // An unreachable registry is normal offline (a laptop without `npm start`, a CI lint job).
    if (error instanceof RegistryUnreachableError) {
      return { state: 'unreachable', url: registry.url, reason: error.message };
    }
    throw error;
  }
}

function compare(next: unknown, previous: unknown, mode: CompatibilityMode, against: string): Comparison[] {
  return compareSchemas(next, previous, mode).map((check) => ({ against, ...check }));
}

async function checkRegistered(
  registry: RegistryClient,
  current: SubjectSchema,
  previous: SubjectSchema | undefined,
  mode: CompatibilityMode,
): Promise<RegistryResult> {
  const versions = await registry.versions(current.subject);
  if (versions.length === 0) return { state: 'new' };
  const text = schemaText(current.schema);
  const existing = await registry.lookup(current.subject, text);
  if (existing) return { state: 'registered', ...existing };
  const rules = modeRules[mode];
  // Transitive modes answer to every version ever registered; the others only to the latest.
  const compared = rules.transitive ? versions : versions.slice(-1);
  const comparisons: Comparison[] = [];
  const sameAsBaseline: number[] = [];
  for (const version of compared) {
    const registered: unknown = JSON.parse((await registry.version(current.subject, version)).schema);
    if (previous && sameSchema(registered, previous.schema)) sameAsBaseline.push(version);
    else comparisons.push(...compare(current.schema, registered, mode, `registry version ${version}`));
  }
  const [compatible, level] = await Promise.all([
    registry.isCompatible(current.subject, text, { allVersions: rules.transitive }),
    registry.compatibility(current.subject),
  ]);
  return {
    state: 'checked',
    versions: compared,
    sameAsBaseline,
    comparisons,
    // `schemas:register` sets the configured mode before registering, so a verdict under another level says nothing about it.
    verdict: { compatible: compatible ?? true, level, counted: level === mode },
  };
}

function passes(result: BaselineResult | RegistryResult): boolean {
  if (result.state !== 'changed' && result.state !== 'checked') return true;
  const clean = result.comparisons.every((c) => c.violations.length === 0);
  return result.state === 'checked' ? clean && (result.verdict.compatible || !result.verdict.counted) : clean;
}
