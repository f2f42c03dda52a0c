import { readFile } from 'node:fs/promises';
import { CompatibilityConfigError } from './schema-tools-error.ts';
import { compatibilityModes, isCompatibilityMode, type CompatibilityMode } from './compatibility-mode.ts';

/** schemas/compatibility.json, validated: one default mode, and overrides for some subjects. */
export interface CompatibilityConfig {
  readonly default: CompatibilityMode;
  readonly subjects: Readonly<Record<string, CompatibilityMode>>;
}

/** The mode a subject is held to: its own override, else the default. */
export function modeFor(config: CompatibilityConfig, subject: string): CompatibilityMode {
  return (Object.hasOwn(config.subjects, subject) ? config.subjects[subject] : undefined) ?? config.default;
}

/**
 * Validates parsed JSON. `knownSubjects` are the subjects that have a schema: an override for any
 * other subject is almost always a typo or a leftover from a removed topic, so it is refused.
 * @throws CompatibilityConfigError listing every problem at once.
 */
export function parseCompatibilityConfig(
  json: unknown,
  knownSubjects: readonly string[],
  file = 'compatibility.json',
): CompatibilityConfig {
  const problems: string[] = [];
  const modeProblem = (where: string, value: unknown) =>
    `${where} is ${JSON.stringify(value)}, expected one of ${compatibilityModes.join(', ')}`;
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new CompatibilityConfigError(file, ['expected a JSON object with "default" and "subjects"']);
  }
  // "$comment" is there for people: JSON has no comments, and the file should say why its modes are what they are.
  const { default: defaultMode, subjects, ...rest } = json as Record<string, unknown>;
  for (const key of Object.keys(rest).filter((k) => k !== '$comment')) {
    problems.push(`unknown key "${key}" (only "default", "subjects" and "$comment")`);
  }
  if (!isCompatibilityMode(defaultMode)) problems.push(modeProblem('"default"', defaultMode));
  const overrides: Record<string, CompatibilityMode> = {};
  if (typeof subjects !== 'object' || subjects === null || Array.isArray(subjects)) {
    problems.push('"subjects" must be an object mapping subject names to modes');
  } else {
    const known = new Set(knownSubjects);
    for (const [subject, mode] of Object.entries(subjects)) {
      if (!isCompatibilityMode(mode)) problems.push(modeProblem(`"subjects"."${subject}"`, mode));
      else overrides[subject] = mode;
      if (!known.has(subject)) {
        problems.push(
          `subject "${subject}" has no schema (subjects are "<topic>-value" for schemas/<domain>/<topic>.avsc)`,
        );
      }
    }
  }
  if (problems.length > 0 || !isCompatibilityMode(defaultMode))
    throw new CompatibilityConfigError(file, problems);
  return { default: defaultMode, subjects: overrides };
}

/** Reads and validates the file. A missing or unparsable file is a CompatibilityConfigError too. */
export async function readCompatibilityConfig(
  file: string,
  knownSubjects: readonly string[],
): Promise<CompatibilityConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CompatibilityConfigError(file, [`cannot read it (${(error as Error).message})`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CompatibilityConfigError(file, [`not valid JSON (${(error as Error).message})`]);
  }
  return parseCompatibilityConfig(json, knownSubjects, file);
}
