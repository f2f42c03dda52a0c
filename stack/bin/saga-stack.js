#!/usr/bin/env node
// Entry point: refuse an old Node with a fix, then run the TypeScript CLI through tsx.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(
    `saga-stack: Node ${process.versions.node} is too old (needs 24). Run it through npm (\`npm start\`, \`npm test\`), ` +
      'which uses the Node 24 that `npm install` puts in node_modules/.bin.',
  );
  process.exit(1);
}
// kafkajs (the readiness probes' client) schedules timers with negative delays on Node 22 and later
// (kafkajs#1751): harmless, but Node warns about each, as the services' --disable-warning says too.
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (warning.name !== 'TimeoutNegativeWarning') console.error(`(node) ${warning.name}: ${warning.message}`);
});
const { register } = await import('tsx/esm/api');
register();
await import('../src/cli.ts');
