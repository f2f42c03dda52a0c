import { parseAvro } from '@saga/avro';
import type { Options } from 'prettier';
import { printModule } from '../emit/print-module.ts';
import { checkTypeNames } from '../emit/type-names.ts';
import { typesModule } from '../emit/types-module.ts';
import { buildModel } from '../model/build-model.ts';
import type { AvroSchemaJson } from '../parse/avro-schema-json.ts';

/**
 * One self-contained schema as one module declaring every named type in it: what the contracts
 * modules hold, without the split by namespace. Golden tests snapshot this per fixture.
 */
export function schemaModule(
  schema: AvroSchemaJson,
  header: readonly string[],
  prettierOptions: Options,
): Promise<string> {
  const types = [...buildModel(parseAvro(schema)).namedTypes.values()];
  checkTypeNames(types);
  return printModule(typesModule(types), header, prettierOptions);
}
