import type ts from 'typescript';
import type { NamedTypeModel } from '../model/type-model.ts';
import { typeImports } from './imports.ts';
import { namedTypeDeclarations } from './named-type.ts';

/**
 * A module declaring named types, sorted by name, importing the types it uses from elsewhere.
 * @param imports module specifier -> names to import from it.
 */
export function typesModule(
  types: readonly NamedTypeModel[],
  imports: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
): ts.Statement[] {
  const sorted = [...types].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return [...typeImports(imports), ...sorted.flatMap(namedTypeDeclarations)];
}
