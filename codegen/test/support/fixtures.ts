import { join } from 'node:path';
import { fsSchemaSource, readSchemaFiles, resolveSchemas, type ResolvedSchema } from '../../src/index.ts';

/** One fixture per generator feature, named after it (`MultiBranchUnion.avsc`); shared types in `common/`. */
export const fixturesDir = join(import.meta.dirname, '..', 'fixtures');

/** Every fixture, self-contained, in file order. */
export async function loadFixtures(): Promise<ResolvedSchema[]> {
  return resolveSchemas(await readSchemaFiles(fsSchemaSource(fixturesDir)));
}

/** The fixture's name: `MultiBranchUnion.avsc` -> `MultiBranchUnion`. */
export function fixtureName(file: string): string {
  return file.slice(0, -'.avsc'.length);
}

/** The header of a golden snapshot. */
export function goldenHeader(file: string): string[] {
  return [
    `Golden snapshot of the code generated from ${file}, checked by golden.spec.ts and type-checked by tsc.`,
    'Regenerate after an intended change: UPDATE_GOLDEN=1 npm run test:unit -w @saga/codegen',
  ];
}
