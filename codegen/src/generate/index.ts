export { asyncApiFile } from './asyncapi-file.ts';
export { contractsFiles } from './contracts-files.ts';
export { generate } from './generate.ts';
export type { GeneratedFile } from './generated-file.ts';
export { generatedHeader, layout, prettierConfigFile, repoRoot } from './layout.ts';
export { schemaModule } from './schema-module.ts';
export { findStaleFiles, writeFiles, type StaleFile } from './sync-files.ts';
