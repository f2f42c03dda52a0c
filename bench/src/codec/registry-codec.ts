import { SchemaType, SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { avroOptions } from '@saga/avro';
import type { Config } from '@saga/config';
import {
  MessageDecodeError,
  MessageEncodeError,
  registryClientOptions,
  SchemaCatalog,
  SchemaNotRegisteredError,
} from '@saga/events';

/** What the catalog knows of a topic it checked for publishing (its type is not exported by name). */
type CatalogEntry = Awaited<ReturnType<SchemaCatalog['requireForPublish']>>;

/**
 * The platform's registry-backed codec, step for step as the event client runs it for every message
 * it publishes or consumes: the registry client built as `createEventClient` builds it, the schema
 * id looked up once through the SchemaCatalog, then per message
 *   encode: validate against the code's type (for a readable error), `registry.encode(id, value)`;
 *   decode: check the 5-byte Confluent header, `registry.decode(buffer)`.
 * The event client keeps these two steps private, so they are repeated here, not imported.
 */
export class RegistryCodec {
  private constructor(
    private readonly registry: SchemaRegistry,
    private readonly entry: CatalogEntry & { readonly id: number },
  ) {}

  /** The codec of `topic`'s values, whose schema must be registered under `subject`. */
  static async connect(
    config: Pick<Config, 'registry'>,
    topic: string,
    subject: string,
    schema: object,
  ): Promise<RegistryCodec> {
    const registry = new SchemaRegistry(registryClientOptions(config), { [SchemaType.AVRO]: avroOptions });
    const catalog = new SchemaCatalog({
      registry,
      registryUrl: config.registry.url,
      avroOptions,
      subjectOf: () => subject,
    });
    const entry = await catalog.requireForPublish(topic, schema);
    if (entry.id === undefined) throw new SchemaNotRegisteredError(subject, 'no id for the code’s schema');
    return new RegistryCodec(registry, { ...entry, id: entry.id });
  }

  get schemaId(): number {
    return this.entry.id;
  }

  async encode(value: unknown): Promise<Buffer> {
    const paths: string[] = [];
    if (!this.entry.type.isValid(value, { errorHook: (path) => paths.push(path.join('.')) }))
      throw new MessageEncodeError(this.entry.topic, paths);
    return this.registry.encode(this.entry.id, value);
  }

  async decode(buffer: Buffer): Promise<unknown> {
    if (buffer.length < 5) throw new MessageDecodeError(this.entry.topic, 'shorter than the 5-byte header');
    if (buffer[0] !== 0) throw new MessageDecodeError(this.entry.topic, `magic byte is ${buffer[0]}`);
    return (await this.registry.decode(buffer)) as unknown;
  }
}
