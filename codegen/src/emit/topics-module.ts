import ts from 'typescript';
import type { RecordModel } from '../model/type-model.ts';
import { pascalCase } from '../naming.ts';
import { withDoc } from './doc-comment.ts';
import { typeImports } from './imports.ts';

const f = ts.factory;
const exported = () => [f.createModifier(ts.SyntaxKind.ExportKeyword)];

/** One topic as the topics module lists it. */
export interface TopicEntry {
  readonly topic: string;
  readonly message: RecordModel;
  readonly route?: { readonly sender: string; readonly receivers: readonly string[] };
}

/** The code name of a topic, its key in `Topics` and `Subjects`: `order.created` -> `OrderCreated`. */
export const topicKey = pascalCase;

/**
 * `Topics`, `TopicName`, `TopicMessageMap`, `Subjects`, `SubjectName` and `subjectOf`.
 * @param importFrom the module specifier that declares a named type.
 */
export function topicsModule(
  topics: readonly TopicEntry[],
  importFrom: (fullName: string) => string,
): ts.Statement[] {
  const imports = new Map<string, Set<string>>();
  for (const { message } of topics) {
    const module = importFrom(message.fullName);
    imports.set(module, (imports.get(module) ?? new Set()).add(message.name));
  }
  const typeOfConst = (name: string) =>
    f.createIndexedAccessTypeNode(
      f.createParenthesizedType(f.createTypeQueryNode(f.createIdentifier(name))),
      f.createTypeOperatorNode(ts.SyntaxKind.KeyOfKeyword, f.createTypeQueryNode(f.createIdentifier(name))),
    );
  const constObject = (name: string, doc: string, entry: (t: TopicEntry) => ts.PropertyAssignment) =>
    withDoc(
      f.createVariableStatement(
        exported(),
        f.createVariableDeclarationList(
          [
            f.createVariableDeclaration(
              name,
              undefined,
              undefined,
              f.createAsExpression(
                f.createObjectLiteralExpression(topics.map(entry), true),
                f.createTypeReferenceNode('const'),
              ),
            ),
          ],
          ts.NodeFlags.Const,
        ),
      ),
      [doc],
    );

  return [
    ...typeImports(imports),
    constObject('Topics', 'Every topic of the saga, by code name.', (t) =>
      withDoc(f.createPropertyAssignment(topicKey(t.topic), f.createStringLiteral(t.topic)), [
        `${routeText(t)}{@link ${t.message.name}}.`,
      ]),
    ),
    withDoc(f.createTypeAliasDeclaration(exported(), 'TopicName', undefined, typeOfConst('Topics')), [
      'The name of a topic of the saga.',
    ]),
    withDoc(
      f.createInterfaceDeclaration(
        exported(),
        'TopicMessageMap',
        undefined,
        undefined,
        topics.map((t) =>
          f.createPropertySignature(
            undefined,
            f.createStringLiteral(t.topic),
            undefined,
            f.createTypeReferenceNode(t.message.name),
          ),
        ),
      ),
      ['The message type of each topic: what a producer publishes there, and what its consumers receive.'],
    ),
    constObject(
      'Subjects',
      "The schema-registry subject of each topic's value schema, by TopicNameStrategy (`<topic>-value`).",
      (t) => f.createPropertyAssignment(topicKey(t.topic), f.createStringLiteral(`${t.topic}-value`)),
    ),
    withDoc(f.createTypeAliasDeclaration(exported(), 'SubjectName', undefined, typeOfConst('Subjects')), [
      'A schema-registry subject of the saga.',
    ]),
    subjectOfFunction(),
  ];
}

function routeText({ route }: TopicEntry): string {
  return route ? `Sent by ${route.sender}, received by ${route.receivers.join(' and ')}: ` : '';
}

function subjectOfFunction(): ts.FunctionDeclaration {
  const template = (head: ts.TemplateHead, tail: string, span: ts.Expression) =>
    f.createTemplateExpression(head, [f.createTemplateSpan(span, f.createTemplateTail(tail))]);
  return withDoc(
    f.createFunctionDeclaration(
      exported(),
      undefined,
      'subjectOf',
      [f.createTypeParameterDeclaration(undefined, 'T', f.createTypeReferenceNode('TopicName'))],
      [
        f.createParameterDeclaration(
          undefined,
          undefined,
          'topic',
          undefined,
          f.createTypeReferenceNode('T'),
        ),
      ],
      f.createTemplateLiteralType(f.createTemplateHead(''), [
        f.createTemplateLiteralTypeSpan(f.createTypeReferenceNode('T'), f.createTemplateTail('-value')),
      ]),
      f.createBlock(
        [f.createReturnStatement(template(f.createTemplateHead(''), '-value', f.createIdentifier('topic')))],
        true,
      ),
    ),
    ["The subject of a topic's value schema, by TopicNameStrategy: `<topic>-value`."],
  );
}
