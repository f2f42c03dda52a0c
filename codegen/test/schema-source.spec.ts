import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { fsSchemaSource, memorySchemaSource, SchemaLoadError } from '../src/index.ts';

describe('fsSchemaSource', () => {
  let dir: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'saga-schemas-'));
    await mkdir(join(dir, 'order'));
    await mkdir(join(dir, 'common'));
    await writeFile(join(dir, 'order', 'order.created.avsc'), '{"a":1}');
    await writeFile(join(dir, 'common', 'Money.avsc'), '{}');
    await writeFile(join(dir, 'topics.json'), '{}');
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lists the .avsc files at any depth, relative and with /, sorted', async () => {
    expect(await fsSchemaSource(dir).list()).to.deep.equal(['common/Money.avsc', 'order/order.created.avsc']);
    expect(await fsSchemaSource(`${dir}/`).list()).to.deep.equal([
      'common/Money.avsc',
      'order/order.created.avsc',
    ]);
  });

  it('reads a file by its listed path', async () => {
    expect(await fsSchemaSource(dir).read('order/order.created.avsc')).to.equal('{"a":1}');
  });

  it('says which directory it cannot list', async () => {
    let error: unknown;
    try {
      await fsSchemaSource(join(dir, 'missing')).list();
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(SchemaLoadError);
    expect((error as SchemaLoadError).code).to.equal('SCHEMA_READ_FAILED');
    expect((error as SchemaLoadError).file).to.equal(join(dir, 'missing'));
  });
});

describe('memorySchemaSource', () => {
  it('lists its paths sorted and reads them back', async () => {
    const source = memorySchemaSource({ 'b.avsc': 'B', 'a.avsc': 'A' });
    expect(await source.list()).to.deep.equal(['a.avsc', 'b.avsc']);
    expect(await source.read('b.avsc')).to.equal('B');
  });
});
