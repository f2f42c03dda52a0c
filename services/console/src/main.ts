// The console process: `node --import tsx services/console/src/main.ts`.
import { runConsole } from './run-console.ts';

try {
  await runConsole();
} catch (error) {
  process.stderr.write(`console: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
