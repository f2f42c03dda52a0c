import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkOpenApi } from './check-openapi.ts';
import { platformServices } from './platform-services.ts';
import { writeDocuments } from './write-documents.ts';

const usage = 'usage: saga-openapi write | check';
/** The repository's root, wherever the command is run from. */
const root = fileURLToPath(new URL('../../..', import.meta.url));

const [command, ...rest] = process.argv.slice(2);
if (rest.length > 0 || (command !== 'write' && command !== 'check')) {
  process.stderr.write(`${usage}\n`);
  process.exit(2);
}

if (command === 'write') {
  for (const file of await writeDocuments(root, platformServices))
    process.stdout.write(`wrote ${relative(root, file)}\n`);
} else {
  const problems: string[] = [];
  for (const service of platformServices) problems.push(...(await checkOpenApi(root, service)));
  if (problems.length > 0) {
    process.stderr.write(`OpenAPI check failed:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
    process.exit(1);
  }
  process.stdout.write(
    `OpenAPI documents agree with the routes of ${platformServices.map((s) => s.name).join(', ')}\n`,
  );
}
