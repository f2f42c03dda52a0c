import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import {
  documentedRoutes,
  offlineRoutes,
  routeDrift,
  serviceDocument,
  type ServiceDefinition,
} from '@saga/service-kit';
import { documentPath, documentText } from './document-file.ts';

/**
 * What is wrong with a service's API description, one line each, naming the service: (a) a mounted
 * route without an operation in its document, or an operation no route answers; (b) a committed
 * document (docs/openapi/<service>.json) that is missing, or differs from what generation makes now.
 * Empty when all agree. Runs without network or store: the routes are read offline (offline-routes.ts).
 */
export async function checkOpenApi(root: string, service: ServiceDefinition): Promise<string[]> {
  const drift = routeDrift(await offlineRoutes(service), documentedRoutes(serviceDocument(service)));
  const problems = drift.map((line) => `${service.name}: ${line}`);
  const file = documentPath(root, service);
  const shown = relative(root, file);
  const committed = await readFile(file, 'utf8').catch((error: unknown) => {
    if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
    throw error;
  });
  if (committed === undefined) problems.push(`${service.name}: ${shown} is missing; run npm run openapi`);
  else if (committed !== (await documentText(root, service)))
    problems.push(`${service.name}: ${shown} is stale (the routes' schemas changed); run npm run openapi`);
  return problems;
}
