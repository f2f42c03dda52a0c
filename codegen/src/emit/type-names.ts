import { CodegenError } from '../codegen-error.ts';
import type { NamedTypeModel } from '../model/type-model.ts';

// Names generated code uses itself, or that TypeScript reserves: a type by one of these names
// would shadow a global (`Date`, `Buffer`, `Record`) or not compile.
const reserved: ReadonlySet<string> = new Set([
  ...['Array', 'Buffer', 'Date', 'Record', 'Readonly', 'Object', 'String', 'Number', 'Boolean'],
  ...['Topics', 'TopicName', 'TopicMessageMap', 'Subjects', 'SubjectName', 'subjectOf', 'topicSchemas'],
  ...['any', 'bigint', 'boolean', 'never', 'number', 'object', 'string', 'symbol', 'undefined', 'unknown'],
  ...['break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else'],
  ...['enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'implements', 'import', 'in'],
  ...['instanceof', 'interface', 'let', 'new', 'null', 'package', 'private', 'protected', 'public', 'return'],
  ...['static', 'super', 'switch', 'this', 'throw', 'true', 'try', 'type', 'typeof', 'var', 'void', 'while'],
  ...['with', 'yield'],
]);

/**
 * Named types become TypeScript types by their simple name, so those must be unique and usable.
 * @throws CodegenError `NAME_COLLISION` naming the types involved.
 */
export function checkTypeNames(types: readonly NamedTypeModel[]): void {
  const byName = new Map<string, string>();
  for (const type of types) {
    if (reserved.has(type.name)) {
      throw new CodegenError(
        'NAME_COLLISION',
        `type ${type.fullName} cannot be named "${type.name}" in TypeScript: that name is reserved or used by generated code`,
      );
    }
    const other = byName.get(type.name);
    if (other !== undefined && other !== type.fullName) {
      throw new CodegenError(
        'NAME_COLLISION',
        `types ${other} and ${type.fullName} would both be "${type.name}" in TypeScript; rename one of them`,
      );
    }
    byName.set(type.name, type.fullName);
  }
}
