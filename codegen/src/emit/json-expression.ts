import ts from 'typescript';
import { propertyName } from './property-name.ts';

const f = ts.factory;

/**
 * A JSON value as a TypeScript expression, keys in their original order. Printed flat: prettier
 * then breaks what does not fit its line width, so small objects stay on one line.
 */
export function jsonExpression(value: unknown): ts.Expression {
  if (value === null) return f.createNull();
  if (Array.isArray(value)) return f.createArrayLiteralExpression(value.map(jsonExpression), false);
  switch (typeof value) {
    case 'string':
      return f.createStringLiteral(value);
    case 'number':
      return value < 0
        ? f.createPrefixUnaryExpression(ts.SyntaxKind.MinusToken, f.createNumericLiteral(-value))
        : f.createNumericLiteral(value);
    case 'boolean':
      return value ? f.createTrue() : f.createFalse();
    case 'object':
      return f.createObjectLiteralExpression(
        Object.entries(value as Record<string, unknown>).map(([key, v]) =>
          f.createPropertyAssignment(propertyName(key), jsonExpression(v)),
        ),
        false,
      );
    default:
      throw new TypeError(`not a JSON value: ${typeof value}`);
  }
}
