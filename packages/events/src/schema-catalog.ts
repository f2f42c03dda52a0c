import { SchemaType, type SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import avro from 'avsc';
import { RegistryUnavailableError, SchemaIncompatibleError, SchemaNotRegisteredError } from './errors.ts';

export interface CatalogEntry {
  readonly topic: string;
  readonly subject: string;
  /** The code's schema, parsed once with the platform's Avro options. */
  readonly type: avro.Type;
  /** Registry id of exactly this schema; absent when only a compatible version is registered (consumers only). */
  readonly id?: number;
}

export interface SchemaCatalogOptions {
  readonly registry: SchemaRegistry;
  readonly registryUrl: string;
  readonly avroOptions: Partial<avro.ForSchemaOptions>;
  readonly subjectOf: (topic: string) => string;
  readonly fetch?: typeof fetch;
}

/**
 * The schemas a service uses, checked against the registry once at start-up and cached:
 * no message ever waits on a registry lookup for its own schema.
 */
export class SchemaCatalog {
  private readonly entries = new Map<string, CatalogEntry>();
  private readonly resolvers = new Map<string, avro.Resolver>();

  constructor(private readonly options: SchemaCatalogOptions) {}

  /**
   * A topic this service publishes must be registered exactly as the code has it: that id goes on the wire.
   * @throws SchemaNotRegisteredError naming the subject and what to run.
   */
  async requireForPublish(topic: string, schema: object): Promise<CatalogEntry> {
    const subject = this.options.subjectOf(topic);
    const type = this.parse(schema);
    const id = await this.lookup(subject, schema);
    if (id === undefined)
      throw new SchemaNotRegisteredError(subject, 'no registered version equals the code’s schema');
    return this.remember({ topic, subject, type, id });
  }

  /**
   * A topic this service consumes must exist, and the code's schema must be able to read every registered version.
   * @throws SchemaNotRegisteredError or SchemaIncompatibleError.
   */
  async requireForConsume(topic: string, schema: object): Promise<CatalogEntry> {
    const known = this.entries.get(topic);
    if (known) return known;
    const subject = this.options.subjectOf(topic);
    const type = this.parse(schema);
    const id = await this.lookup(subject, schema);
    if (id !== undefined) return this.remember({ topic, subject, type, id });
    const versions = await this.registeredVersions(subject);
    if (versions.length === 0) throw new SchemaNotRegisteredError(subject, 'the subject does not exist');
    for (const writer of versions) {
      try {
        type.createResolver(this.parse(writer));
      } catch {
        throw new SchemaIncompatibleError(subject);
      }
    }
    return this.remember({ topic, subject, type });
  }

  get(topic: string): CatalogEntry | undefined {
    return this.entries.get(topic);
  }

  /** A resolver from the writer's schema (by registry id) to the code's; built once per writer id. */
  async resolverFor(entry: CatalogEntry, writerId: number): Promise<avro.Resolver> {
    const key = `${entry.topic}:${writerId}`;
    let resolver = this.resolvers.get(key);
    if (!resolver) {
      const writer = (await this.options.registry.getSchema(writerId)) as unknown as avro.Type;
      resolver = entry.type.createResolver(writer);
      this.resolvers.set(key, resolver);
    }
    return resolver;
  }

  private remember(entry: CatalogEntry): CatalogEntry {
    this.entries.set(entry.topic, entry);
    return entry;
  }

  private parse(schema: object | string): avro.Type {
    return avro.Type.forSchema(
      (typeof schema === 'string' ? JSON.parse(schema) : schema) as avro.Schema,
      // A copy each time: avsc records named types in the options object it is given.
      { ...this.options.avroOptions },
    );
  }

  /** The id of exactly this schema under the subject, or undefined when no version equals it. */
  private async lookup(subject: string, schema: object): Promise<number | undefined> {
    try {
      return await this.options.registry.getRegistryIdBySchema(subject, {
        type: SchemaType.AVRO,
        schema: JSON.stringify(schema),
      });
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw new RegistryUnavailableError(this.options.registryUrl, { cause: error });
    }
  }

  private async registeredVersions(subject: string): Promise<string[]> {
    const get = async (path: string) => {
      const doFetch = this.options.fetch ?? fetch;
      let response: Response;
      try {
        response = await doFetch(`${this.options.registryUrl}${path}`, {
          signal: AbortSignal.timeout(10_000),
        });
      } catch (error) {
        throw new RegistryUnavailableError(this.options.registryUrl, { cause: error });
      }
      if (response.status === 404) return undefined;
      if (!response.ok) throw new RegistryUnavailableError(this.options.registryUrl);
      return await response.json();
    };
    const versions = (await get(`/subjects/${encodeURIComponent(subject)}/versions`)) as number[] | undefined;
    const schemas: string[] = [];
    for (const version of versions ?? []) {
      const body = (await get(`/subjects/${encodeURIComponent(subject)}/versions/${version}`)) as
        { schema: string } | undefined;
      if (body) schemas.push(body.schema);
    }
    return schemas;
  }
}

/**
 * The client reports "not found" as a ConfluentSchemaRegistryError (lookups) or a 404 ResponseError (by id);
 * anything else, including connection failures it reports as status 400, means the registry did not answer.
 */
export function isNotFound(error: unknown): boolean {
  const e = error as { status?: number; name?: string } | undefined;
  return e?.name === 'ConfluentSchemaRegistryError' || e?.status === 404;
}
