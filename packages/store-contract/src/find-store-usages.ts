import ts from 'typescript';
import type { StoreUsageRule } from './store-usage-rules.ts';

/** A source file, by its path from the repository root. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

/** One use of a store operation a rule forbids, where it is. */
export interface StoreUsage {
  readonly rule: StoreUsageRule;
  readonly file: string;
  readonly line: number;
  /** The source line, trimmed: what allow-list entries match on (lines move, code rarely does). */
  readonly code: string;
  /** What exactly was found, e.g. `$ne on "holds.orderId"`. */
  readonly found: string;
}

/**
 * String constants of the scanned source by name (`export const outboxField = 'outbox'`), so that a
 * computed key such as `[processedMessagesField]` can be read as the path it is. A name declared
 * twice with different values is left out: it cannot be resolved.
 */
export type SourceConstants = ReadonlyMap<string, string>;

/** Update methods: an error of one of these is an update's error. */
const updateMethods = new Set([
  'updateOne',
  'updateMany',
  'findOneAndUpdate',
  'findByIdAndUpdate',
  'replaceOne',
  'findOneAndReplace',
  'bulkWrite',
]);

/** findAndModify under its driver and mongoose names, and where each takes its options. */
const findAndModifyOptionsIndex = new Map([
  ['findOneAndUpdate', 2],
  ['findByIdAndUpdate', 2],
  ['findOneAndReplace', 2],
  ['findOneAndDelete', 1],
  ['findByIdAndDelete', 1],
]);

/**
 * Writes whose filter FerretDB 1.24 on PostgreSQL pushes down into SQL: updates, replacements and
 * deletes, one or many, and findAndModify. (`find`, `findOne` and `countDocuments` are not affected.)
 */
const filteredWriteMethods = new Set([
  'updateOne',
  'updateMany',
  'findOneAndUpdate',
  'replaceOne',
  'findOneAndReplace',
  'deleteOne',
  'deleteMany',
  'findOneAndDelete',
]);

/**
 * Where an equality on a dotted path is written on purpose, to be wrapped in `$and` before it reaches a
 * write: the runtime's guardFilter (a decision's guard) and arrayElementWith itself.
 */
export const pathEqualityHomes: ReadonlySet<string> = new Set([
  'packages/service-kit/src/aggregate/guard-filter.ts',
  'packages/service-kit/src/store/array-element-with.ts',
]);

const aggregationKeys = new Set(['$group', '$sum', '$avg', '$lookup', '$accumulator']);
const projectionKeys = new Set(['projection', 'fields', 'select']);
/** A path with a positional segment: `holds.$`, `holds.$.quantity`, `holds.$[]`, `holds.$[hold].q`. */
const positionalPath = /\.\$(\[[\w]*\])?(\.|$)/;
/** Only path characters: tells a path (`'holds.$'`) from prose that happens to hold `.$`. */
const pathCharacters = /^[\w.$[\]]+$/;
/** Stands for a part of a template key the scan cannot read, e.g. `${field}.createdAt` → `?.createdAt`. */
const unknownPart = '?';

/** The constants declared across `files`, for `findStoreUsages`. */
export function collectConstants(files: readonly SourceFile[]): SourceConstants {
  const found = new Map<string, string | null>();
  for (const file of files) {
    const source = parse(file);
    for (const statement of source.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      if (!(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
      for (const declaration of statement.declarationList.declarations) {
        const value = declaration.initializer && stringValue(unwrapAsConst(declaration.initializer));
        if (!ts.isIdentifier(declaration.name) || value === undefined) continue;
        const name = declaration.name.text;
        const earlier = found.get(name);
        found.set(name, earlier === undefined || earlier === value ? value : null);
      }
    }
  }
  return new Map([...found].flatMap(([name, value]) => (value === null ? [] : [[name, value]])));
}

/**
 * Every use in `file` of a store operation a rule forbids. Reads the syntax tree, so comments and
 * strings of prose never count, and a key counts however it is written (`$pull`, `'$pull'`, `['$pull']`).
 */
export function findStoreUsages(file: SourceFile, constants: SourceConstants = new Map()): StoreUsage[] {
  const source = parse(file);
  const usages: StoreUsage[] = [];
  const report = (rule: StoreUsageRule, node: ts.Node, found: string) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    const code = (file.text.split('\n')[line] ?? '').trim();
    usages.push({ rule, file: file.path, line: line + 1, code, found });
  };
  const keyOf = (name: ts.PropertyName) => propertyKey(name, constants);
  const declared = fileDeclarations(source);

  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) {
      const key = keyOf(node.name);
      if (key === '$pull') report('pull', node, '$pull');
      if (key === '$elemMatch') report('elem-match', node, '$elemMatch');
      if (key !== undefined && aggregationKeys.has(key)) report('aggregation', node, key);
      if (key === 'arrayFilters') report('positional', node, 'arrayFilters');
      if (key === '$setOnInsert') report('upsert', node, '$setOnInsert');
      if (key === 'upsert' && !isFalse(node)) report('upsert', node, 'upsert option');
      if ((key === '$ne' || key === '$nin') && ts.isPropertyAssignment(node)) {
        const problem = notEqualProblem(node, key, constants);
        if (problem) report('ne-through-array', node, problem);
      }
    }
    if (ts.isPropertyAccessExpression(node)) {
      const name = node.name.text;
      if (name === '$pull' || name === '$elemMatch')
        report(name === '$pull' ? 'pull' : 'elem-match', node, name);
    }
    if (ts.isCallExpression(node)) {
      const method = calledMethod(node);
      if (method === 'pull') report('pull', node, 'mongoose array .pull()');
      if (method === 'elemMatch') report('elem-match', node, 'query .elemMatch()');
      if (method === 'aggregate') report('aggregation', node, '.aggregate()');
      const optionsIndex = method === undefined ? undefined : findAndModifyOptionsIndex.get(method);
      const options = optionsIndex === undefined ? undefined : node.arguments[optionsIndex];
      if (options && ts.isObjectLiteralExpression(options)) {
        const keys = options.properties.flatMap((p) => (p.name ? [keyOf(p.name)] : []));
        const given = keys.find((k) => k !== undefined && projectionKeys.has(k));
        if (given) report('find-and-modify-projection', node, `${method}(…, { ${given} })`);
      }
      if ((method === 'select' || method === 'projection') && chainCalls(node, findAndModifyOptionsIndex)) {
        report('find-and-modify-projection', node, `findAndModify with .${method}()`);
      }
      const filter = node.arguments[0];
      if (
        method !== undefined &&
        filteredWriteMethods.has(method) &&
        filter &&
        !pathEqualityHomes.has(file.path)
      ) {
        for (const property of topLevelProperties(filter, declared)) {
          const problem = pathEqualityProblem(property, declared, constants);
          if (problem) report('path-equality-in-write', property, `${method} filter: ${problem}`);
        }
      }
    }
    if (isStringLike(node)) {
      const text = node.text;
      if (positionalPath.test(text) && pathCharacters.test(text))
        report('positional', node, `path "${text}"`);
      if (text.includes('E11000') || text === 'DuplicateKey') report('duplicate-key-code', node, `"${text}"`);
    }
    if (ts.isRegularExpressionLiteral(node) && node.text.includes('E11000')) {
      report('duplicate-key-code', node, node.text);
    }
    if (ts.isNumericLiteral(node) && (node.text === '11000' || node.text === '11001')) {
      report('duplicate-key-code', node, node.text);
    }
    if (ts.isTryStatement(node) && node.catchClause && catchesDuplicateKey(node.catchClause)) {
      for (const update of updateCalls(node.tryBlock)) {
        report(
          'duplicate-key-from-update',
          update,
          `${calledMethod(update) ?? 'upsert'} in a try whose catch tests for a duplicate key`,
        );
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return usages;
}

/** A file's variables by name, each with its initializer; a name declared twice (or without one) is unknown. */
type Declarations = ReadonlyMap<string, ts.Expression | null>;

function fileDeclarations(source: ts.SourceFile): Declarations {
  const found = new Map<string, ts.Expression | null>();
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name)) {
      const name = node.name.text;
      found.set(name, found.has(name) ? null : (node.initializer ?? null));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** An expression without the parentheses, casts and `!` around it, which change nothing the store is sent. */
function unwrap(expression: ts.Expression): ts.Expression {
  let inner = expression;
  while (
    ts.isParenthesizedExpression(inner) ||
    ts.isAsExpression(inner) ||
    ts.isSatisfiesExpression(inner) ||
    ts.isNonNullExpression(inner) ||
    ts.isTypeAssertionExpression(inner)
  ) {
    inner = inner.expression;
  }
  return inner;
}

/** `expression`, or the initializer of the variable of this file it names, unwrapped. */
function resolve(expression: ts.Expression, declared: Declarations): ts.Expression {
  const inner = unwrap(expression);
  const initializer = ts.isIdentifier(inner) ? declared.get(inner.text) : undefined;
  return initializer ? unwrap(initializer) : inner;
}

/**
 * The properties at the top of a filter, as far as the scan can read it: an object literal, with what
 * it spreads of other object literals (also under a condition, `...(x ? { … } : {})`), or a variable
 * of the same file holding one. A call (`arrayElementWith(…)`, `guardFilter(…)`) gives none.
 */
function topLevelProperties(
  filter: ts.Expression,
  declared: Declarations,
  depth = 0,
): ts.PropertyAssignment[] {
  if (depth > 8) return [];
  const next = (expression: ts.Expression) => topLevelProperties(expression, declared, depth + 1);
  const expression = resolve(filter, declared);
  if (ts.isConditionalExpression(expression))
    return [...next(expression.whenTrue), ...next(expression.whenFalse)];
  if (ts.isBinaryExpression(expression)) {
    const operator = expression.operatorToken.kind;
    if (operator === ts.SyntaxKind.AmpersandAmpersandToken) return next(expression.right);
    if (operator === ts.SyntaxKind.BarBarToken || operator === ts.SyntaxKind.QuestionQuestionToken) {
      return [...next(expression.left), ...next(expression.right)];
    }
    return [];
  }
  if (!ts.isObjectLiteralExpression(expression)) return [];
  return expression.properties.flatMap((property) => {
    if (ts.isSpreadAssignment(property)) return next(property.expression);
    return ts.isPropertyAssignment(property) ? [property] : []; // a shorthand key has no dot
  });
}

/**
 * Why a property at the top of a write's filter is one FerretDB on PostgreSQL pushes down wrongly, or
 * undefined: a dotted path (or one the scan cannot read) compared by equality. A `$` key (`$and`,
 * `$nor`) is never pushed down, and neither is a path under another operator (`$gte`, `$ne`, …).
 */
function pathEqualityProblem(
  property: ts.PropertyAssignment,
  declared: Declarations,
  constants: SourceConstants,
): string | undefined {
  const path = propertyKey(property.name, constants);
  if (path?.startsWith('$')) return undefined;
  if (!comparesByEquality(property.initializer, declared, constants)) return undefined;
  if (path === undefined || path === unknownPart) return 'an equality on a key the scan cannot read';
  return path.includes('.') ? `"${path}" compared by equality` : undefined;
}

/**
 * Whether a filter value compares by equality: a plain value, a whole subdocument, or `{ $eq: v }`
 * (FerretDB's pushdown treats `$eq` as a plain value). Any other operator, plain or marked with
 * `mongoose.trusted(…)`, does not; nor does `trusted` of something the scan cannot read, as `trusted`
 * is only ever given operators.
 */
function comparesByEquality(
  value: ts.Expression,
  declared: Declarations,
  constants: SourceConstants,
): boolean {
  const resolved = resolve(value, declared);
  if (ts.isCallExpression(resolved) && calledName(resolved) === 'trusted') {
    const argument = resolved.arguments[0];
    const marked = argument && resolve(argument, declared);
    return marked !== undefined && ts.isObjectLiteralExpression(marked) && onlyEquality(marked, constants);
  }
  return !ts.isObjectLiteralExpression(resolved) || onlyEquality(resolved, constants);
}

/** Whether an object literal in a filter is a whole subdocument (no `$` key) or `{ $eq: v }`. */
function onlyEquality(object: ts.ObjectLiteralExpression, constants: SourceConstants): boolean {
  return object.properties.every((property) => {
    const key = property.name && propertyKey(property.name, constants);
    return key === undefined || !key.startsWith('$') || key === '$eq';
  });
}

/** The name a call calls: `x.trusted(…)` and `trusted(…)` → `trusted`. */
function calledName(call: ts.CallExpression): string | undefined {
  return ts.isIdentifier(call.expression) ? call.expression.text : calledMethod(call);
}

function parse(file: SourceFile): ts.SourceFile {
  return ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

/**
 * Why a `$ne`/`$nin` is one FerretDB may get wrong, or undefined when it is safe: on a plain field or
 * an array of plain values (`processedMessageIds`), with a plain value.
 */
function notEqualProblem(
  operator: ts.PropertyAssignment,
  key: '$ne' | '$nin',
  constants: SourceConstants,
): string | undefined {
  const value = operator.initializer;
  const values = key === '$nin' && ts.isArrayLiteralExpression(value) ? [...value.elements] : [value];
  if (values.some((v) => ts.isObjectLiteralExpression(v))) return `${key} against a whole subdocument`;
  // { path: { $ne: v } }, or { path: mongoose.trusted({ $ne: v }) }: the path is the key two levels up.
  let holder: ts.Node = operator.parent;
  if (ts.isCallExpression(holder.parent)) holder = holder.parent;
  const pathProperty = holder.parent;
  if (!ts.isPropertyAssignment(pathProperty) || pathProperty.initializer !== holder) {
    return `${key} whose path the scan cannot tell`;
  }
  const path = propertyKey(pathProperty.name, constants);
  if (path === undefined || path.includes(unknownPart)) return `${key} on a path the scan cannot read`;
  return path.includes('.') ? `${key} on "${path}"` : undefined;
}

/** A property's name as the key it makes, or undefined when it is computed from something unknown. */
function propertyKey(name: ts.PropertyName, constants: SourceConstants): string | undefined {
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) {
    return name.text;
  }
  if (ts.isComputedPropertyName(name)) return expressionKey(name.expression, constants);
  return undefined;
}

function expressionKey(expression: ts.Expression, constants: SourceConstants): string | undefined {
  const literal = stringValue(expression);
  if (literal !== undefined) return literal;
  if (ts.isIdentifier(expression)) return constants.get(expression.text);
  if (ts.isTemplateExpression(expression)) {
    return (
      expression.head.text +
      expression.templateSpans
        .map((span) => (expressionKey(span.expression, constants) ?? unknownPart) + span.literal.text)
        .join('')
    );
  }
  return undefined;
}

function stringValue(expression: ts.Expression): string | undefined {
  return ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)
    ? expression.text
    : undefined;
}

function unwrapAsConst(expression: ts.Expression): ts.Expression {
  return ts.isAsExpression(expression) || ts.isSatisfiesExpression(expression)
    ? expression.expression
    : expression;
}

function isFalse(property: ts.PropertyAssignment | ts.ShorthandPropertyAssignment): boolean {
  return ts.isPropertyAssignment(property) && property.initializer.kind === ts.SyntaxKind.FalseKeyword;
}

function isStringLike(
  node: ts.Node,
): node is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateLiteralLikeNode {
  return (
    ts.isStringLiteral(node) ||
    ts.isNoSubstitutionTemplateLiteral(node) ||
    ts.isTemplateHead(node) ||
    ts.isTemplateMiddle(node) ||
    ts.isTemplateTail(node)
  );
}

/** The method a call calls, `x.updateOne(…)` → `updateOne`; undefined for a plain function call. */
function calledMethod(call: ts.CallExpression): string | undefined {
  return ts.isPropertyAccessExpression(call.expression) ? call.expression.name.text : undefined;
}

/** Whether the chain a call is made on (`model.findOneAndUpdate(…).select(…)`) holds a call of `methods`. */
function chainCalls(call: ts.CallExpression, methods: ReadonlyMap<string, unknown>): boolean {
  let receiver: ts.Expression = call.expression;
  while (ts.isPropertyAccessExpression(receiver) || ts.isCallExpression(receiver)) {
    if (ts.isCallExpression(receiver)) {
      const method = calledMethod(receiver);
      if (method !== undefined && methods.has(method)) return true;
      receiver = receiver.expression;
    } else {
      receiver = receiver.expression;
    }
  }
  return false;
}

/** Whether a catch clause tests its error for a duplicate key, by the platform's recogniser or by code. */
function catchesDuplicateKey(clause: ts.CatchClause): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'isDuplicateKeyError'
    ) {
      found = true;
    }
    if (ts.isNumericLiteral(node) && (node.text === '11000' || node.text === '11001')) found = true;
    if (isStringLike(node) && (node.text.includes('E11000') || node.text === 'DuplicateKey')) found = true;
    if (ts.isRegularExpressionLiteral(node) && node.text.includes('E11000')) found = true;
    if (!found) ts.forEachChild(node, visit);
  };
  visit(clause.block);
  return found;
}

/** The update calls (and upserting calls) in a block. */
function updateCalls(block: ts.Block): ts.CallExpression[] {
  const calls: ts.CallExpression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const method = calledMethod(node);
      const upserts = node.arguments.some(
        (argument) =>
          ts.isObjectLiteralExpression(argument) &&
          argument.properties.some((p) => p.name && ts.isIdentifier(p.name) && p.name.text === 'upsert'),
      );
      if ((method !== undefined && updateMethods.has(method)) || upserts) calls.push(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(block);
  return calls;
}
