import { parseAvro } from '@saga/avro';
import { CodegenError } from '../codegen-error.ts';
import type { LoadedSchema } from '../parse/load-schemas.ts';
import { buildModel } from './build-model.ts';
import type { NamedTypeModel, RecordModel } from './type-model.ts';

/** One topic: its schema and the record its messages are. */
export interface TopicModel {
  readonly topic: string;
  readonly subject: string;
  readonly file: string;
  readonly schema: LoadedSchema['schema'];
  readonly message: RecordModel;
}

/** Every topic, and every named type any of them uses, once. */
export interface ContractsModel {
  /** Sorted by topic. */
  readonly topics: readonly TopicModel[];
  /** Sorted by full name. */
  readonly namedTypes: readonly NamedTypeModel[];
}

/**
 * Models all topics together. A named type used by several topics (a shared one, inlined into
 * each) must mean the same everywhere, since it becomes one TypeScript type.
 * @throws CodegenError `CONFLICTING_DEFINITION` for a name defined differently by two topics.
 */
export function buildContractsModel(schemas: readonly LoadedSchema[]): ContractsModel {
  const namedTypes = new Map<string, { model: NamedTypeModel; topic: string }>();
  const topics = [...schemas]
    .sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0))
    .map(({ topic, subject, file, schema }): TopicModel => {
      const model = buildModel(parseAvro(schema));
      for (const named of model.namedTypes.values()) {
        const seen = namedTypes.get(named.fullName);
        if (!seen) {
          namedTypes.set(named.fullName, { model: named, topic });
        } else if (JSON.stringify(seen.model) !== JSON.stringify(named)) {
          throw new CodegenError(
            'CONFLICTING_DEFINITION',
            `type ${named.fullName} differs between topics ${seen.topic} and ${topic}; ` +
              'define it once in schemas/common/ and refer to it by name',
          );
        }
      }
      return { topic, subject, file, schema, message: model.root };
    });
  return {
    topics,
    namedTypes: [...namedTypes.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, { model }]) => model),
  };
}
