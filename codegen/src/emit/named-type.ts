import type ts from 'typescript';
import type { NamedTypeModel } from '../model/type-model.ts';
import { enumDeclarations } from './enum.ts';
import { fixedDeclaration } from './fixed.ts';
import { recordDeclaration } from './record.ts';

/** The declarations of one named type. */
export function namedTypeDeclarations(model: NamedTypeModel): ts.Statement[] {
  switch (model.kind) {
    case 'record':
      return [recordDeclaration(model)];
    case 'enum':
      return enumDeclarations(model);
    case 'fixed':
      return [fixedDeclaration(model)];
  }
}
