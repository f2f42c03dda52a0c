import type { NamedTypeModel, TypeModel } from './type-model.ts';

/** The full names of the named types a named type's definition uses directly (not itself). */
export function referencedTypes(model: NamedTypeModel): Set<string> {
  const found = new Set<string>();
  const visit = (type: TypeModel): void => {
    switch (type.kind) {
      case 'named':
        if (type.fullName !== model.fullName) found.add(type.fullName);
        return;
      case 'logical':
        visit(type.underlying);
        return;
      case 'array':
        visit(type.items);
        return;
      case 'map':
        visit(type.values);
        return;
      case 'nullable':
        visit(type.type);
        return;
      case 'union':
        type.branches.forEach((branch) => {
          visit(branch.type);
        });
        return;
      case 'primitive':
        return;
    }
  };
  if (model.kind === 'record') {
    model.fields.forEach((field) => {
      visit(field.type);
    });
  }
  return found;
}
