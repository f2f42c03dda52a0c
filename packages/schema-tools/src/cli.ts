import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '@saga/config';
import { formatCheckReport } from './check/index.ts';
import { createRegistryClient } from './registry/index.ts';
import { consoleReporter } from './reporter.ts';
import { checkRepositorySchemas, registerRepositorySchemas } from './repository.ts';
import { SchemasRejectedError, SchemaToolsError, UsageError } from './schema-tools-error.ts';

const USAGE = `usage: saga-schemas <command>
  register                 set each subject's compatibility mode, then register its schema (idempotent)
  check [--against <ref>]  check the working tree's schemas against a git ref (default HEAD),
                           and against the registered versions if the registry answers`;

/** 0: all good; 1: a schema is incompatible (or rejected); 2: the tool could not do its job. */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = loadConfig();
  const reporter = consoleReporter();
  switch (command) {
    case 'register': {
      if (rest.length > 0)
        throw new UsageError(`\`register\` takes no arguments, got "${rest.join(' ')}"`, USAGE);
      await registerRepositorySchemas({
        registryUrl: config.registry.url,
        auth: config.registry.auth,
        reporter,
      });
      return 0;
    }
    case 'check': {
      let against: string;
      try {
        against = parseArgs({ args: rest, options: { against: { type: 'string', default: 'HEAD' } } }).values
          .against;
      } catch (error) {
        throw new UsageError((error as Error).message, USAGE);
      }
      const report = await checkRepositorySchemas({
        against,
        registry: createRegistryClient({
          url: config.registry.url,
          ...(config.registry.auth ? { auth: config.registry.auth } : {}),
        }),
      });
      for (const line of formatCheckReport(report)) reporter.info(line);
      return report.passed ? 0 : 1;
    }
    default:
      throw new UsageError(command ? `unknown command "${command}"` : 'no command given', USAGE);
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof SchemasRejectedError) {
    // Each rejection was already printed with its subject; this is the summary and what to do next.
    console.error(`saga-schemas: ${error.message} — fix: ${error.fix}`);
    process.exitCode = 1;
  } else if (error instanceof SchemaToolsError) {
    console.error(`saga-schemas: ${error.message} — fix: ${error.fix}`);
    process.exitCode = 2;
  } else if (error instanceof ConfigError) {
    console.error(`saga-schemas: ${error.message}`);
    process.exitCode = 2;
  } else {
    console.error('saga-schemas: unexpected failure', error);
    process.exitCode = 2;
  }
}
