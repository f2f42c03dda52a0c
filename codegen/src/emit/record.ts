import ts from 'typescript';
import type { FieldModel, RecordModel } from '../model/type-model.ts';
import { withDoc } from './doc-comment.ts';
import { propertyName } from './property-name.ts';
import { typeNode } from './type-node.ts';

const f = ts.factory;

/**
 * A record as an interface, one property per field, in field order. Every field is required, a
 * defaulted one too: a decoded value always has it, and one type serves producer and consumer.
 */
export function recordDeclaration(model: RecordModel): ts.InterfaceDeclaration {
  return withDoc(
    f.createInterfaceDeclaration(
      [f.createModifier(ts.SyntaxKind.ExportKeyword)],
      model.name,
      undefined,
      undefined,
      model.fields.map(fieldSignature),
    ),
    [model.doc, `Avro record \`${model.fullName}\`.`],
  );
}

function fieldSignature(field: FieldModel): ts.PropertySignature {
  return withDoc(
    f.createPropertySignature(undefined, propertyName(field.name), undefined, typeNode(field.type)),
    [field.doc, field.default && `@defaultValue \`${JSON.stringify(field.default.json)}\``],
  );
}
