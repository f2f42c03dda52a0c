import ts from 'typescript';
import type { TypeModel } from '../model/type-model.ts';
import { simpleNameOf } from '../parse/named-types.ts';
import { arrayType } from './array.ts';
import { logicalType } from './logical-type.ts';
import { mapType } from './map.ts';
import { primitiveType } from './primitive.ts';
import { nullableType, unionType } from './union.ts';

/** The TypeScript type of a value of the modelled Avro type; named types by their simple name. */
export function typeNode(model: TypeModel): ts.TypeNode {
  switch (model.kind) {
    case 'primitive':
      return primitiveType(model);
    case 'logical':
      return logicalType(model);
    case 'named':
      return ts.factory.createTypeReferenceNode(simpleNameOf(model.fullName));
    case 'array':
      return arrayType(typeNode(model.items));
    case 'map':
      return mapType(typeNode(model.values));
    case 'nullable':
      return nullableType(model, typeNode);
    case 'union':
      return unionType(model, typeNode);
  }
}
