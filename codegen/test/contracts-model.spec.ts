import { expect } from 'chai';
import { buildContractsModel, CodegenError, type LoadedSchema } from '../src/index.ts';
import { contractsFiles } from '../src/generate/contracts-files.ts';

const loaded = (topic: string, schema: object): LoadedSchema => ({
  topic,
  subject: `${topic}-value`,
  file: `${topic.split('.')[0]}/${topic}.avsc`,
  schema: schema as LoadedSchema['schema'],
});
const kind = (symbols: string[]) => ({ type: 'enum', name: 'Kind', namespace: 'io.t.common', symbols });
const message = (name: string, namespace: string, fields: unknown[] = []) => ({
  type: 'record',
  name,
  namespace,
  fields,
});

describe('buildContractsModel', () => {
  it('models each topic’s message and every named type once, sorted', () => {
    const model = buildContractsModel([
      loaded('b.two', message('Two', 'io.t.b', [{ name: 'k', type: kind(['A']) }])),
      loaded('a.one', message('One', 'io.t.a', [{ name: 'k', type: kind(['A']) }])),
    ]);
    expect(model.topics.map((t) => [t.topic, t.message.fullName])).to.deep.equal([
      ['a.one', 'io.t.a.One'],
      ['b.two', 'io.t.b.Two'],
    ]);
    expect(model.namedTypes.map((t) => t.fullName)).to.deep.equal([
      'io.t.a.One',
      'io.t.b.Two',
      'io.t.common.Kind',
    ]);
  });

  it('refuses a named type that two topics define differently', () => {
    expect(() =>
      buildContractsModel([
        loaded('a.one', message('One', 'io.t.a', [{ name: 'k', type: kind(['A']) }])),
        loaded('b.two', message('Two', 'io.t.b', [{ name: 'k', type: kind(['A', 'B']) }])),
      ]),
    ).to.throw(CodegenError, /io\.t\.common\.Kind differs between topics a\.one and b\.two/);
  });
});

describe('contractsFiles', () => {
  it('refuses two namespaces that would share a module', async () => {
    const model = buildContractsModel([
      loaded('a.one', message('One', 'io.x.orders')),
      loaded('b.two', message('Two', 'io.y.orders')),
    ]);
    let error: unknown;
    try {
      await contractsFiles(model, undefined, {});
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(CodegenError);
    expect((error as CodegenError).code).to.equal('NAME_COLLISION');
    expect((error as Error).message).to.include('orders.ts');
  });

  it('refuses two topics with the same code name', async () => {
    const model = buildContractsModel([
      loaded('a.one-two', message('One', 'io.x.a')),
      loaded('a.one.two', message('Two', 'io.x.a')),
    ]);
    let error: unknown;
    try {
      await contractsFiles(model, undefined, {});
    } catch (e) {
      error = e;
    }
    expect((error as CodegenError).code).to.equal('NAME_COLLISION');
    expect((error as Error).message).to.include('Topics.AOneTwo');
  });
});
