import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig } from '@saga/config';
import { parseTopicRoutes, topicRoutesFile } from '../asyncapi/topic-routes.ts';
import { CodegenError, type CodegenErrorCode } from '../codegen-error.ts';
import { loadPrettierOptions } from '../emit/print-module.ts';
import { buildContractsModel } from '../model/contracts-model.ts';
import { loadSchemas } from '../parse/load-schemas.ts';
import { fsSchemaSource } from '../parse/schema-source.ts';
import { asyncApiFile } from './asyncapi-file.ts';
import { contractsFiles } from './contracts-files.ts';
import type { GeneratedFile } from './generated-file.ts';
import { layout, prettierConfigFile } from './layout.ts';

/**
 * Everything codegen produces from the schemas under `root`: the contracts package's generated
 * modules and the AsyncAPI document. Pure output; {@link writeFiles} and {@link findStaleFiles}
 * compare it with the disk.
 */
export async function generate(root: string): Promise<GeneratedFile[]> {
  const schemasDir = join(root, layout.schemasDir);
  const schemas = await loadSchemas(fsSchemaSource(schemasDir));
  const routes = parseTopicRoutes(
    await readText(join(schemasDir, topicRoutesFile), 'TOPICS_MANIFEST_INVALID'),
    schemas.map((s) => s.topic),
  );
  const model = buildContractsModel(schemas);
  const prettierOptions = await loadPrettierOptions(prettierConfigFile);
  const { version } = JSON.parse(await readText(join(root, layout.contractsPackage), 'READ_FAILED')) as {
    version: string;
  };
  // The defaults of the local stack, whatever this shell's environment says: the document describes the repo.
  const config = loadConfig({});
  return [
    ...(await contractsFiles(model, routes, prettierOptions)),
    await asyncApiFile(
      {
        topics: model.topics,
        routes,
        version,
        local: { broker: config.kafka.brokers[0] ?? '127.0.0.1:9092', registryUrl: config.registry.url },
      },
      prettierOptions,
    ),
  ];
}

async function readText(path: string, code: CodegenErrorCode): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new CodegenError(code, `cannot read ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
