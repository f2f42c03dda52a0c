import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import avsc from 'avsc';
import { expect } from 'chai';
import { avroOptions, parseAvro } from '../src/index.ts';

const cardOrWallet = [
  { type: 'record', name: 'Card', namespace: 'test', fields: [{ name: 'last4', type: 'string' }] },
  { type: 'record', name: 'Wallet', namespace: 'test', fields: [{ name: 'provider', type: 'string' }] },
];

describe('avroOptions', () => {
  it('keeps unambiguous unions as bare values', () => {
    const type = parseAvro(['null', 'string']);
    expect(type.typeName).to.equal('union:unwrapped');
    expect(type.fromBuffer(type.toBuffer('x'))).to.equal('x');
    expect(type.fromBuffer(type.toBuffer(null))).to.equal(null);
  });

  it('wraps unions whose branches JS cannot tell apart, keyed by branch name', () => {
    const type = parseAvro(cardOrWallet);
    expect(type.typeName).to.equal('union:wrapped');
    const decoded = type.fromBuffer(type.toBuffer({ 'test.Wallet': { provider: 'acme' } })) as object;
    // Only the branch's own key: avsc's branch helpers (unwrap, ...) live on the prototype.
    expect(Object.entries(decoded)).to.deep.equal([['test.Wallet', { provider: 'acme' }]]);
    expect(type.isValid({ provider: 'acme' })).to.equal(false);
  });

  it('decodes records as plain data, without avsc methods', () => {
    const type = parseAvro(cardOrWallet[0]!);
    const decoded = type.fromBuffer(type.toBuffer({ last4: '4242' })) as Record<string, unknown>;
    expect(decoded).to.deep.equal({ last4: '4242' });
    expect(decoded.toBuffer).to.equal(undefined);
  });

  it('is frozen, so avsc cannot write one parse into the next', () => {
    expect(Object.isFrozen(avroOptions)).to.equal(true);
    expect(Object.isFrozen(avroOptions.logicalTypes)).to.equal(true);
    // The same named type parsed twice: fine with a fresh copy per parse, as parseAvro does.
    expect(() => [parseAvro(cardOrWallet), parseAvro(cardOrWallet)]).not.to.throw();
    expect(() => avsc.Type.forSchema('string', avroOptions)).to.throw(TypeError);
  });

  describe('with @kafkajs/confluent-schema-registry', () => {
    const schema = {
      type: 'record',
      name: 'Placed',
      namespace: 'test',
      fields: [
        { name: 'orderId', type: { type: 'string', logicalType: 'uuid' } },
        { name: 'placedAt', type: { type: 'long', logicalType: 'timestamp-millis' } },
        { name: 'note', type: ['null', 'string'], default: null },
      ],
    };
    let server: Server;
    let host: string;

    // A stand-in registry on loopback that knows one schema, id 7: the client fetches it by id
    // and parses it with the options it was given, exactly as against the real registry.
    before(async () => {
      server = createServer((request, response) => {
        if (request.url === '/schemas/ids/7') {
          response.writeHead(200, { 'content-type': 'application/vnd.schemaregistry.v1+json' });
          response.end(JSON.stringify({ schema: JSON.stringify(schema) }));
        } else {
          response.writeHead(404).end();
        }
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    after(async () => {
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
    });

    it('fits its AVRO protocol options and decodes logical types the same way', async () => {
      const registry = new SchemaRegistry({ host }, { [SchemaType.AVRO]: avroOptions });
      const value = {
        orderId: '0b0e5a7c-3f1d-4c1e-9a51-7f3c2d1e0a9b',
        placedAt: new Date(1_700_000_000_000),
        note: null,
      };
      const decoded: unknown = await registry.decode(await registry.encode(7, value));
      expect(decoded).to.deep.equal(value);
      expect((decoded as { placedAt: unknown }).placedAt).to.be.instanceOf(Date);
    });

    it('refuses a value the logical types reject', async () => {
      const registry = new SchemaRegistry({ host }, { [SchemaType.AVRO]: avroOptions });
      let error: unknown;
      try {
        await registry.encode(7, { orderId: 'order-1', placedAt: new Date(0), note: null });
      } catch (e) {
        error = e;
      }
      expect(error).to.be.instanceOf(Error);
      expect((error as Error).name).to.equal('ConfluentSchemaRegistryValidationError');
    });
  });
});
