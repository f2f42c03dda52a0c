import type { AvroSchemaJson } from './avro-schema-json.ts';
import { resolveSchemas } from './resolve-schemas.ts';
import { isSharedTypesFile, readSchemaFiles, sharedTypesDir } from './schema-file.ts';
import { SchemaLoadError } from './schema-load-error.ts';
import type { SchemaSource } from './schema-source.ts';

/** One topic's value schema, ready to register or generate code from. */
export interface LoadedSchema {
  /** The Kafka topic, from the file name: `order/order.created.avsc` is `order.created`. */
  topic: string;
  /** The schema-registry subject, by TopicNameStrategy: `<topic>-value`. */
  subject: string;
  /** The file it came from, relative to the schemas directory. */
  file: string;
  /** Self-contained: the shared named types it uses are defined inside it. */
  schema: AvroSchemaJson;
}

// Kafka's legal topic characters, at most 249 of them.
const KAFKA_TOPIC = /^[A-Za-z0-9._-]{1,249}$/;

/**
 * Loads every topic's value schema. Each file outside `common/` is one topic's value, at
 * `<domain>/<topic>.avsc` where the topic starts with `<domain>.`; `common/` holds shared named
 * types. Files that are not `.avsc` are ignored.
 * @returns the schemas sorted by topic.
 * @throws SchemaLoadError with a code, naming the file, for bad JSON, a file in the wrong place
 *   for its topic, an unknown type reference, a duplicate type, or a schema avsc rejects.
 */
export async function loadSchemas(source: SchemaSource): Promise<LoadedSchema[]> {
  const files = await readSchemaFiles(source);
  // Files in the wrong place are reported before any type problem inside them.
  for (const { file } of files) {
    if (!isSharedTypesFile(file)) topicOf(file);
  }
  return resolveSchemas(files)
    .map(({ file, schema }) => {
      const topic = topicOf(file);
      return { topic, subject: `${topic}-value`, file, schema };
    })
    .sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
}

function topicOf(file: string): string {
  const parts = file.split('/');
  const [domain, name] = parts;
  const topic = name?.slice(0, -'.avsc'.length) ?? '';
  if (parts.length !== 2 || domain === undefined || !KAFKA_TOPIC.test(topic)) {
    throw new SchemaLoadError(
      'SCHEMA_TOPIC_MISMATCH',
      file,
      `a topic schema must be at <domain>/<topic>.avsc (shared types go in ${sharedTypesDir}/)`,
    );
  }
  if (!topic.startsWith(`${domain}.`)) {
    const home = topic.split('.')[0] ?? topic;
    throw new SchemaLoadError(
      'SCHEMA_TOPIC_MISMATCH',
      file,
      `topic "${topic}" does not belong in ${domain}/: its topics start with "${domain}.", so move it to ${home}/${topic}.avsc`,
    );
  }
  return topic;
}
