#!/usr/bin/env node
// Entry point: refuse an old Node with a fix, then run the TypeScript CLI through tsx.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(
    `saga-openapi: Node ${process.versions.node} is too old (needs 24). Run it through npm (\`npm run openapi\`), ` +
      'which uses the Node 24 that `npm install` puts in node_modules/.bin.',
  );
  process.exit(1);
}
const { register } = await import('tsx/esm/api');
register();
await import('../src/cli.ts');
