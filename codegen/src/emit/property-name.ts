import ts from 'typescript';

/** A property name as an identifier when it can be one, else as a quoted string (`'io.saga.X'`). */
export function propertyName(name: string): ts.PropertyName {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name)
    ? ts.factory.createIdentifier(name)
    : ts.factory.createStringLiteral(name);
}
