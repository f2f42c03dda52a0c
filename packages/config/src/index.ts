export { ConfigError } from './config-error.ts';
export { loadConfig, repoRoot, type Config } from './load-config.ts';
export { secretVariables, variables, type VariableName } from './variables.ts';
