import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import asyncApiSpecs from '@asyncapi/specs';
import { Topics, topicSchemas, type TopicName } from '@saga/contracts';
import { Ajv } from 'ajv';
import { expect } from 'chai';
import { parse } from 'yaml';
import { layout, repoRoot } from '../src/generate/layout.ts';

interface Operation {
  action: string;
  channel: { $ref: string };
  tags: { name: string }[];
}

describe('docs/asyncapi.yaml', () => {
  let doc: {
    asyncapi: string;
    servers: Record<string, { host: string; protocol: string }>;
    channels: Record<string, { address: string; messages: Record<string, { $ref: string }> }>;
    operations: Record<string, Operation>;
    components: {
      messages: Record<string, Record<string, unknown>>;
      schemas: Record<string, Record<string, unknown>>;
    };
  };
  let routes: { topics: Record<string, { sender: string; receivers: string[] }> };

  before(async () => {
    doc = parse(await readFile(join(repoRoot, layout.asyncApiFile), 'utf8')) as typeof doc;
    routes = JSON.parse(await readFile(join(repoRoot, 'schemas', 'topics.json'), 'utf8')) as typeof routes;
  });

  it('is a valid AsyncAPI 3.0.0 document by the official JSON Schema', function () {
    // Compiling the official schema (hundreds of definitions) takes about a second, more on a busy
    // machine: mocha's 2 s default is a bound this test can miss without anything being wrong.
    this.timeout(30_000);
    // The spec bundles its own copy of the draft-07 meta-schema, so ajv must not load one too.
    const ajv = new Ajv({
      strict: false,
      validateFormats: false,
      allErrors: true,
      meta: false,
      validateSchema: false,
    });
    const validate = ajv.compile(asyncApiSpecs.schemas['3.0.0'] as object);
    const valid = validate(doc);
    expect(validate.errors ?? [], 'schema violations').to.deep.equal([]);
    expect(valid).to.equal(true);
    expect(doc.asyncapi).to.equal('3.0.0');
  });

  it('describes the local stack’s Kafka broker', () => {
    expect(doc.servers.local).to.deep.include({ host: '127.0.0.1:9092', protocol: 'kafka' });
  });

  it('has a channel per topic, addressed by the topic, whose message payload is the topic’s Avro schema', () => {
    const byAddress = new Map(Object.values(doc.channels).map((c) => [c.address, c]));
    expect([...byAddress.keys()].sort()).to.deep.equal(Object.values(Topics).sort());
    for (const topic of Object.values(Topics) as TopicName[]) {
      const [ref] = Object.values(byAddress.get(topic)!.messages);
      const message = doc.components.messages[ref!.$ref.split('/').pop()!]!;
      expect(message.payload).to.deep.equal({
        schemaFormat: 'application/vnd.apache.avro+json;version=1.9.0',
        schema: topicSchemas[topic],
      });
      expect(message.headers).to.deep.equal({ $ref: '#/components/schemas/MessageHeaders' });
      expect(message.bindings).to.have.nested.property('kafka.key.format', 'uuid');
      expect(message.bindings)
        .to.have.nested.property('kafka.key.description')
        .that.matches(/order id/i);
    }
  });

  it('names the service that sends each topic and every service that receives it', () => {
    for (const [topic, route] of Object.entries(routes.topics)) {
      const channel = Object.entries(doc.channels).find(([, c]) => c.address === topic)![0];
      const ops = Object.values(doc.operations).filter((op) => op.channel.$ref === `#/channels/${channel}`);
      const by = (action: string) =>
        ops.filter((op) => op.action === action).flatMap((op) => op.tags.map((tag) => tag.name));
      expect(by('send'), topic).to.deep.equal([route.sender]);
      expect(by('receive').sort(), topic).to.deep.equal([...route.receivers].sort());
    }
  });

  it('describes the CloudEvents and trace headers', () => {
    const headers = doc.components.schemas.MessageHeaders!;
    expect(Object.keys(headers.properties as object)).to.have.members([
      'ce_id',
      'ce_type',
      'ce_source',
      'ce_time',
      'ce_specversion',
      'traceparent',
    ]);
  });
});
