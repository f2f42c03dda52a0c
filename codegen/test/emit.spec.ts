import { avroOptions } from '@saga/avro';
import { expect } from 'chai';
import ts from 'typescript';
import { CodegenError, logicalTypeMappings } from '../src/index.ts';
import { withDoc } from '../src/emit/doc-comment.ts';
import { logicalType } from '../src/emit/logical-type.ts';
import { checkTypeNames } from '../src/emit/type-names.ts';
import { typeNode } from '../src/emit/type-node.ts';
import type { NamedTypeModel, TypeModel } from '../src/model/type-model.ts';

const print = (node: ts.Node) =>
  ts
    .createPrinter()
    .printNode(ts.EmitHint.Unspecified, node, ts.createSourceFile('x.ts', '', ts.ScriptTarget.Latest));

const record = (fullName: string): NamedTypeModel => ({
  kind: 'record',
  fullName,
  name: fullName.slice(fullName.lastIndexOf('.') + 1),
  namespace: fullName.slice(0, fullName.lastIndexOf('.')),
  fields: [],
});

describe('emit', () => {
  describe('logical types', () => {
    it('has a TypeScript type for every logical type the runtime options implement', () => {
      expect(Object.keys(logicalTypeMappings).sort()).to.deep.equal(
        Object.keys(avroOptions.logicalTypes).sort(),
      );
    });

    it('refuses one the runtime applies but codegen cannot type', () => {
      const model = {
        kind: 'logical',
        logicalType: 'decimal',
        underlying: { kind: 'primitive', name: 'bytes' },
      } as const;
      expect(() => logicalType(model)).to.throw(CodegenError, /decimal/);
    });
  });

  describe('type nodes', () => {
    const cases: [string, TypeModel][] = [
      [
        'Date',
        { kind: 'logical', logicalType: 'timestamp-millis', underlying: { kind: 'primitive', name: 'long' } },
      ],
      ['string', { kind: 'logical', logicalType: 'uuid', underlying: { kind: 'primitive', name: 'string' } }],
      [
        '(string | null)[]',
        { kind: 'array', items: { kind: 'nullable', type: { kind: 'primitive', name: 'string' } } },
      ],
      ['Record<string, Buffer>', { kind: 'map', values: { kind: 'primitive', name: 'bytes' } }],
      ['Money | null', { kind: 'nullable', type: { kind: 'named', fullName: 'io.saga.common.Money' } }],
      [
        'number | string | null',
        {
          kind: 'union',
          wrapped: false,
          branches: [
            { name: 'null', type: { kind: 'primitive', name: 'null' } },
            { name: 'int', type: { kind: 'primitive', name: 'int' } },
            { name: 'string', type: { kind: 'primitive', name: 'string' } },
          ],
        },
      ],
      [
        '{ "x.A": A; "x.B"?: never; } | { "x.A"?: never; "x.B": B; } | null',
        {
          kind: 'union',
          wrapped: true,
          branches: [
            { name: 'x.A', type: { kind: 'named', fullName: 'x.A' } },
            { name: 'null', type: { kind: 'primitive', name: 'null' } },
            { name: 'x.B', type: { kind: 'named', fullName: 'x.B' } },
          ],
        },
      ],
    ];
    for (const [expected, model] of cases) {
      it(`prints ${expected}`, () => {
        expect(print(typeNode(model))).to.equal(expected);
      });
    }
  });

  describe('doc comments', () => {
    it('escapes a comment terminator in schema text', () => {
      const node = withDoc(
        ts.factory.createTypeAliasDeclaration(
          undefined,
          'T',
          undefined,
          typeNode({ kind: 'primitive', name: 'int' }),
        ),
        ['ends */ early'],
      );
      expect(print(node)).to.equal('/** ends *\\/ early */\ntype T = number;');
    });
  });

  describe('type names', () => {
    it('refuses two types that would share a TypeScript name', () => {
      expect(() => {
        checkTypeNames([record('io.a.Reason'), record('io.b.Reason')]);
      }).to.throw(CodegenError, /io\.a\.Reason and io\.b\.Reason/);
    });

    it('refuses a name that would shadow what generated code uses', () => {
      expect(() => {
        checkTypeNames([record('io.a.Date')]);
      }).to.throw(CodegenError, /"Date"/);
      expect(() => {
        checkTypeNames([record('io.a.TopicName')]);
      }).to.throw(CodegenError);
    });
  });
});
