export * from './check/index.ts';
export {
  parseCompatibilityConfig,
  readCompatibilityConfig,
  modeFor,
  type CompatibilityConfig,
} from './compatibility-config.ts';
export {
  compatibilityModes,
  isCompatibilityMode,
  modeRules,
  type CompatibilityMode,
  type ModeRules,
} from './compatibility-mode.ts';
export * from './register/index.ts';
export * from './registry/index.ts';
export { consoleReporter, silentReporter, type Reporter } from './reporter.ts';
export * from './resolution/index.ts';
export {
  CompatibilityConfigError,
  GitSourceError,
  RegistryRequestError,
  RegistryUnreachableError,
  SchemasRejectedError,
  SchemaToolsError,
  UsageError,
} from './schema-tools-error.ts';
export { sameSchema, schemaText } from './schema-json.ts';
export * from './source/index.ts';
export {
  checkRepositorySchemas,
  loadRepositorySchemas,
  registerRepositorySchemas,
  repositorySchemasDir,
} from './repository.ts';
